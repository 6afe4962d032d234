/**
 * Spatial item reads: bounding box and nearest. Both use the public point unless the scope may see
 * exact locations (staff), so a generalised site is never found by its true position.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFilter, ItemSummary, LngLat } from '$lib/domain/types';
import { validateBBox } from '$lib/geo/bbox';
import { ValidationError } from '$lib/server/errors';
import type { Db } from './pg-context';
import { bboxSql, clampLimit, filterSql, haversineSql, scopeSql, spatialColumns } from './item-sql';
import { summariesFor } from './item-summaries';

/**
 * Above this many readable rows in the box, walking ids in order (items_id_points, index-only,
 * stopping at `limit`) beats collecting every match from the GiST and sorting. The planner cannot
 * tell the cases apart (`point <@ box` has no statistics), so a capped index-only probe decides.
 */
export const DENSE_BOX_ROWS = 4_000;

export async function findInBBox(
	db: Db,
	bbox: BBox,
	scope: AccessScope,
	opts: { limit: number; filter?: ItemFilter }
): Promise<ItemSummary[]> {
	const problem = validateBBox(bbox);
	if (problem) throw new ValidationError(problem);
	const limit = clampLimit(opts.limit);
	if (limit === 0) return [];
	const readable = sql`${scopeSql(scope)} and ${filterSql(opts.filter)}`;
	const probe = await db.execute<{ id: number; n: number }>(sql`
		select id, (count(*) over ())::int as n from (
			select i.id from items i where ${bboxSql(bbox, scope)} and ${readable}
			limit ${DENSE_BOX_ROWS + 1}
		) s order by id limit ${limit}`);
	const dense = (probe.rows[0]?.n ?? 0) > DENSE_BOX_ROWS;
	const selection = dense
		? sql`select i.id from items i
			where ${bboxSql(bbox, scope, { pointIndex: false })} and ${readable}
			order by i.id limit ${limit}`
		: sql`select unnest(${sql.param(probe.rows.map((r) => r.id))}::int[]) as id`;
	return summariesFor(db, selection, sql`sel.id`);
}

/**
 * Two steps, both on the geography GiST index (items_*_geog_gist), whose distances are
 * great-circle, so the antimeridian needs no special case (179.9 finds -179.9 first):
 * 1. KNN picks `limit` nearest candidates; the farthest of them, d, bounds the answer.
 * 2. Every readable item within d (ST_DWithin) is ordered by metres, then id. So ties (many
 *    generalised sites share one public point) break by id exactly, which a KNN cut-off alone
 *    cannot promise.
 * Metres are haversine with EARTH_RADIUS_M, computed in SQL exactly as haversineMeters does:
 * PostGIS 3's ST_DistanceSphere uses a 6 371 008.8 m sphere, which would differ from SQLite's
 * answers by ~3.6 ppm (36 m across the country).
 */
export async function nearest(
	db: Db,
	[lng, lat]: LngLat,
	scope: AccessScope,
	opts: { limit: number; maxMeters?: number; filter?: ItemFilter }
): Promise<Array<ItemSummary & { meters: number }>> {
	if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
		throw new ValidationError(
			'The point must be [longitude, latitude] within ±180 and ±90 degrees.'
		);
	}
	if (opts.maxMeters !== undefined && !(opts.maxMeters >= 0)) {
		throw new ValidationError('The maximum distance must be a number of metres, zero or more.');
	}
	const limit = clampLimit(opts.limit);
	if (limit === 0) return [];
	const c = spatialColumns(scope);
	const here = sql`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`;
	const meters = haversineSql(c.lng, c.lat, lng, lat);
	const readable = sql`${c.geom} is not null and ${scopeSql(scope)} and ${filterSql(opts.filter)}`;
	// The index works on a slightly larger sphere (~4 ppm), so its radius gets a margin; the exact
	// cut uses the haversine metres.
	const near = (meters: SQL) =>
		sql`ST_DWithin(${c.geom}::geography, ${here}::geography, ${meters} * 1.0001 + 1, false)`;
	const cap =
		opts.maxMeters === undefined ? sql`'Infinity'::float8` : sql`${opts.maxMeters}::float8`;
	return summariesFor<{ meters: number }>(
		db,
		sql`with bound as (
				select max(k.meters) as d from (
					select ${meters} as meters
					from items i
					where ${readable}
						${opts.maxMeters === undefined ? sql`` : sql`and ${near(sql`${opts.maxMeters}::float8`)}`}
					order by ${c.geom}::geography <-> ${here}::geography
					limit ${limit}
				) k
			)
			select w.id, w.meters from (
				select i.id, ${meters} as meters
				from items i, bound
				where ${readable} and ${near(sql`bound.d`)}
			) w, bound
			where w.meters <= least(bound.d, ${cap})
			order by w.meters, w.id limit ${limit}`,
		sql`sel.meters, sel.id`,
		['meters']
	);
}
