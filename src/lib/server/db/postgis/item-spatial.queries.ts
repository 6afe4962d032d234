/**
 * Spatial item reads: bounding box and nearest. Both use the public point unless the scope may see
 * exact locations (staff), so a generalised site is never found by its true position.
 */
import { sql } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFilter, ItemSummary, LngLat } from '$lib/domain/types';
import { validateBBox } from '$lib/geo/bbox';
import { ValidationError } from '$lib/server/errors';
import type { Db } from './pg-context';
import { bboxSql, clampLimit, filterSql, haversineSql, scopeSql, spatialColumns } from './item-sql';
import { summariesFor } from './item-summaries';
import { circleBox, crossesAntimeridian } from './circle-box';

/**
 * Above a threshold of readable rows in the box, walking ids in order (items_id_points, index-only,
 * stopping at `limit`) beats collecting every match from the GiST and sorting. The planner cannot
 * tell the cases apart (`point <@ box` has no statistics), so a capped index-only probe decides.
 * With n rows in the box out of N, the GiST collects n entries and the walk reads about
 * limit × N / n, so the crossover is n = √(WALK_COST × limit × N). WALK_COST is the cost of a walk
 * entry relative to a GiST entry. Calibrated with tests/bench/postgis-walk-cost.ts (130 boxes
 * around real sites, 24 to 430k rows, 1M items, 2026-11-22): the walk wins from n* ≈ 8.4k (one box
 * of 130 on the slower side), i.e. WALK_COST ≈ 0.35. A dense box also pays the capped probe, so a
 * lower threshold helps dense boxes and hurts boxes just above it; fitted to those timings
 * (GiST ≈ 3.5 µs/row, walk ≈ 456k/n ms on the busy machine) over the bench's city and province
 * boxes, 0.35 gives the lowest worst p95 of the two (0.15, used before from one box: city p95
 * +27 %, province −6 %). N is the planner's row estimate (pg_class.reltuples), so no count runs
 * per request.
 */
export const WALK_COST = 0.35;
/** Floor of the threshold: below it the GiST path is cheap whatever the collection size. */
export const MIN_DENSE_BOX_ROWS = 2_000;

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
	const readable = sql`${scopeSql(scope)} and ${filterSql(opts.filter, scope)}`;
	// One statement (one round trip, one plan): the capped GiST probe, then either its ids or,
	// when it overflowed the threshold, the id-order walk. `verdict` is an init plan, so the walk
	// does not start for a sparse box.
	const selection = sql`
		with th as materialized (
			select greatest(${MIN_DENSE_BOX_ROWS}, sqrt(${WALK_COST * limit}::float8 * greatest(reltuples, 0)))::int as t
			from pg_class where oid = 'items'::regclass
		),
		probe as materialized (
			select i.id from items i where ${bboxSql(bbox, scope)} and ${readable}
			limit (select t from th) + 1
		),
		verdict as materialized (select (select count(*) from probe) > (select t from th) as dense)
		select id from (
			select id from probe where not (select dense from verdict) order by id limit ${limit}
		) sparse
		union all
		select id from (
			select i.id from items i
			where (select dense from verdict) and ${bboxSql(bbox, scope, { pointIndex: false })} and ${readable}
			order by i.id limit ${limit}
		) walk`;
	return summariesFor(db, selection, sql`sel.id`);
}

/**
 * Two steps, both on a planar GiST (items_public_point_gist, index-only; items_geom_gist for staff):
 * 1. KNN (`<->` in degrees) picks `limit` readable candidates; the farthest of them in great-circle
 *    metres, d, bounds the answer (any `limit` items do, however they were picked). Near ±180 the
 *    planar probe cannot see across, so when the box of radius d wraps it probes again from the
 *    point shifted by 360° and keeps the `limit` nearest of both.
 * 2. Every readable item in the box enclosing the circle of radius d (circleBox, split at the
 *    antimeridian) is cut at d and ordered by metres, then id. So ties (many generalised sites
 *    share one public point) break by id exactly, which a KNN cut-off alone cannot promise.
 * Metres are haversine with EARTH_RADIUS_M, computed in SQL exactly as haversineMeters does:
 * PostGIS 3's ST_DistanceSphere uses a 6 371 008.8 m sphere, which would differ from SQLite's
 * answers by ~3.6 ppm (36 m across the country). Planar geometry KNN on the same data takes ~0.7 ms
 * where two geography GiST scans took ~4 ms (1M items).
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
	const meters = haversineSql(c.lng, c.lat, lng, lat);
	const readable = sql`${c.lng} is not null and ${c.lat} is not null and ${scopeSql(scope)} and ${filterSql(opts.filter, scope)}`;
	const within = (r: number) => bboxSql(circleBox([lng, lat], r), scope);
	const cap = opts.maxMeters ?? Infinity;
	const probe = async (fromLng: number) =>
		(
			await db.execute<{ id: number; meters: number }>(sql`
				select i.id, ${meters} as meters from items i
				where ${readable} ${Number.isFinite(cap) ? sql`and ${within(cap)}` : sql``}
				order by ${
					scope.exactLocation
						? sql`${c.geom} <-> ST_SetSRID(ST_MakePoint(${fromLng}::float8, ${lat}::float8), 4326)`
						: sql`point(${c.lng}, ${c.lat}) <-> point(${fromLng}::float8, ${lat}::float8)`
				}
				limit ${limit}`)
		).rows;
	const candidates = new Map((await probe(lng)).map((r) => [r.id, r.meters]));
	if (candidates.size === 0) return [];
	let d = Math.max(...candidates.values());
	if (crossesAntimeridian(circleBox([lng, lat], Math.min(d, cap)))) {
		for (const r of await probe(lng > 0 ? lng - 360 : lng + 360)) candidates.set(r.id, r.meters);
		d = [...candidates.values()].sort((a, b) => a - b)[Math.min(limit, candidates.size) - 1];
	}
	const radius = Math.min(d, cap);
	return summariesFor<{ meters: number }>(
		db,
		sql`select w.id, w.meters from (
				select i.id, ${meters} as meters from items i where ${readable} and ${within(radius)}
			) w
			where w.meters <= ${radius}::float8
			order by w.meters, w.id limit ${limit}`,
		sql`sel.meters, sel.id`,
		['meters']
	);
}
