/**
 * Spatial item reads: bounding box and nearest. Both use the public point unless the scope may see
 * exact locations (staff), so a generalised site is never found by its true position.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFilter, ItemSummary, LngLat } from '$lib/domain/types';
import { splitAntimeridian, validateBBox } from '$lib/geo/bbox';
import { ValidationError } from '$lib/server/errors';
import type { Db } from './pg-context';
import { bboxSql, clampLimit, filterSql, haversineSql, scopeSql, spatialColumns } from './item-sql';
import { summariesFor } from './item-summaries';
import { cellSql, coverBox, GRID_MAX_CELLS, type GridLevel } from './bbox-cells';
import { circleBox, crossesAntimeridian } from './circle-box';

/**
 * Above a threshold of readable rows in the box, walking ids in order (items_id_points, index-only,
 * stopping at `limit`) beats collecting every match from the GiST and sorting. With n rows in the
 * box out of N, the GiST collects n entries and the walk reads about limit × N / n, so the
 * crossover is n = √(WALK_COST × limit × N). WALK_COST is the cost of a walk entry relative to a
 * GiST entry, calibrated with tests/bench/postgis-walk-cost.ts (130 boxes around real sites, 24 to
 * 430k rows, 1M items, 2026-11-22, after scopeSql put the box's comparisons before the text ones):
 * the walk won from n ≈ 6.2–7.9k (both ≈ 5 ms there), i.e. WALK_COST ≈ 0.19–0.31; 0.25 puts n* at
 * ≈ 7.1k. N is the planner's row estimate (pg_class.reltuples), so no count runs per request.
 */
export const WALK_COST = 0.25;
/** Floor of the threshold: below it the GiST path is cheap whatever the collection size. */
export const MIN_DENSE_BOX_ROWS = 2_000;
/**
 * A box estimated dense walks at most WALK_SLACK × limit × N / estimate ids (twice what it should
 * need) before giving up and falling back to the probe: the estimate can be far too high, e.g. for
 * a small box in a histogram cell whose items sit elsewhere in it. 4 made such a box (938 rows,
 * estimated over 7k) cost ~30 ms; 2 halves that, and a walk that needs more than twice its
 * expected length means the box holds under half the estimate, where the probe is cheaper anyway.
 */
export const WALK_SLACK = 2;

/** The constants above, as one value so a spec can force each branch of findInBBox. */
export interface BBoxTuning {
	walkCost: number;
	minDenseBoxRows: number;
	walkSlack: number;
	/** Most grid cells a merged per-cell read may cover; 0 turns that path off. */
	maxCells: number;
}
const TUNING: BBoxTuning = {
	walkCost: WALK_COST,
	minDenseBoxRows: MIN_DENSE_BOX_ROWS,
	walkSlack: WALK_SLACK,
	maxCells: GRID_MAX_CELLS
};

/**
 * The first `limit` readable items in the box, by id.
 *
 * Public points without a filter (what a visitor's map asks), a box that at most
 * GRID_MAX_CELLS grid cells of one size cover (bbox-cells.ts: city to province views): each cell
 * is read from its index in id order and the reads are merged (cellSelection), so the statement
 * reads about `limit` × (items in the covering cells / items in the box) index entries whatever
 * the density. In the 1M bench (ids and summaries, default settings) city boxes went from p95
 * 18.9 ms to 6–8.5 ms and province boxes from 16.5 ms to 4.5–6.3 ms.
 *
 * Otherwise (staff's true points, filters, boxes wider than a few 1° cells) the planner cannot
 * choose between the GiST and the id walk itself (`point <@ box` has no statistics), so this does,
 * in one statement:
 *
 * 1. Estimate: PostGIS's own histogram of the point column (built by ANALYZE/autovacuum; what the
 *    planner uses for `&&`), read with _postgis_selectivity × reltuples. It counts all rows, not
 *    just readable ones, which only nudges the threshold. A box estimated at or above the threshold
 *    walks ids directly, capped (WALK_SLACK); a dense box no longer pays the GiST probe first,
 *    which was most of its time (8.4k probe entries ≈ 8 ms against a ~1 ms walk at 1M items).
 * 2. Otherwise (estimated sparse, no statistics yet, a filter whose selectivity the histogram does
 *    not know, or a capped walk that came up short): the capped GiST probe decides as before. It
 *    collects up to the threshold; if the box overflows it, the uncapped walk answers.
 *
 * Every branch returns the exact answer; the estimate only picks which runs. It is per statement
 * and read from the catalog, so there is nothing to invalidate: writes reach it when autovacuum
 * analyzes the table, and until then a stale estimate costs time, never correctness.
 */
export async function findInBBox(
	db: Db,
	bbox: BBox,
	scope: AccessScope,
	opts: { limit: number; filter?: ItemFilter },
	tuning: BBoxTuning = TUNING
): Promise<ItemSummary[]> {
	const problem = validateBBox(bbox);
	if (problem) throw new ValidationError(problem);
	const limit = clampLimit(opts.limit);
	if (limit === 0) return [];
	const cover =
		!scope.exactLocation && isEmptyFilter(opts.filter) && tuning.maxCells > 0
			? coverBox(bbox, tuning.maxCells)
			: null;
	const selection = cover
		? cellSelection(bbox, scope, limit, cover)
		: bboxSelection(bbox, scope, limit, opts.filter, tuning);
	return summariesFor(db, selection, sql`sel.id`);
}

/**
 * The first `limit` readable items of the box by id, one index read per covering cell (each in id
 * order, cut at `limit`), merged by the planner (Merge Append) and cut at `limit` again.
 */
function cellSelection(
	bbox: BBox,
	scope: AccessScope,
	limit: number,
	{ level, cells }: { level: GridLevel; cells: number[] }
): SQL {
	const inBox = sql`${bboxSql(bbox, scope, { pointIndex: false })} and ${scopeSql(scope)}`;
	const cell = cellSql(level);
	const reads = cells.map(
		(c) =>
			sql`(select i.id from items i where ${cell} = ${c}::int8 and ${inBox} order by i.id limit ${limit})`
	);
	return sql`select id from (${sql.join(reads, sql` union all `)}) cells order by id limit ${limit}`;
}

/** True when the filter narrows nothing (every field absent). */
function isEmptyFilter(filter: ItemFilter | undefined): boolean {
	return !filter || Object.values(filter).every((v) => v === undefined);
}

/**
 * Rows of items whose point column (public_geom, or geom for staff) falls in the box, as PostGIS
 * estimates them; null without statistics. ST_EstimatedExtent is the guard: _postgis_selectivity
 * raises an error when the column has none (a new or never-analyzed table), ST_EstimatedExtent
 * returns null (with a warning, so reltuples < 0, "never analyzed", is checked first). CASE
 * evaluates its branch only when taken, and both functions are volatile/stable, so the planner
 * never folds them early.
 */
function estimateSql(bbox: BBox, scope: AccessScope): SQL {
	const column = scope.exactLocation ? 'geom' : 'public_geom';
	const parts = splitAntimeridian(bbox).map(
		(b) =>
			sql`_postgis_selectivity('items'::regclass, ${column}, ST_MakeEnvelope(${b.west}::float8, ${b.south}::float8, ${b.east}::float8, ${b.north}::float8, 4326))`
	);
	return sql`case when c.reltuples >= 0 and ST_EstimatedExtent('items', ${column}) is not null
		then (${sql.join(parts, sql` + `)}) * c.reltuples end`;
}

/** The statement picking the ids (see findInBBox). */
function bboxSelection(
	bbox: BBox,
	scope: AccessScope,
	limit: number,
	filter: ItemFilter | undefined,
	{ walkCost, minDenseBoxRows, walkSlack }: BBoxTuning
): SQL {
	const readable = sql`${scopeSql(scope)} and ${filterSql(filter, scope)}`;
	// Filters fall back to the probe: the histogram does not know their selectivity, and the capped
	// walk reads only columns included in items_id_points (the scope's and the points), so it stays
	// index-only.
	const estimated = isEmptyFilter(filter);
	const estimate = estimated ? estimateSql(bbox, scope) : sql`null::float8`;
	const cappedWalk = estimated
		? sql`select i.id from (
				select id, status, visibility, lng, lat, public_lng, public_lat from items
				where coalesce((select walk_first from plan), false)
				order by id limit (select walk_cap from plan)
			) i
			where ${bboxSql(bbox, scope, { pointIndex: false })} and ${readable}
			limit ${limit}`
		: sql`select null::int as id where false`;
	// `plan` and the gates are init plans: each branch starts only when it is the one chosen.
	return sql`
		with plan as materialized (
			select t, n >= t as walk_first,
				ceil(${walkSlack * limit}::float8 * total / greatest(n, 1))::bigint as walk_cap
			from (
				select greatest(${minDenseBoxRows}, sqrt(${walkCost * limit}::float8 * total))::int as t, n, total
				from (
					select greatest(c.reltuples, 0)::float8 as total, (${estimate})::float8 as n
					from pg_class c where c.oid = 'items'::regclass
				) e
			) p
		),
		capped_walk as materialized (${cappedWalk}),
		walked as materialized (select (select count(*) from capped_walk) >= ${limit} as done),
		probe as materialized (
			select i.id from items i
			where not (select done from walked) and ${bboxSql(bbox, scope)} and ${readable}
			limit (select t from plan) + 1
		),
		verdict as materialized (select (select count(*) from probe) > (select t from plan) as dense)
		select id from capped_walk where (select done from walked)
		union all
		select id from (
			select id from probe where not (select dense from verdict) order by id limit ${limit}
		) sparse
		union all
		select id from (
			select i.id from items i
			where (select dense from verdict) and ${bboxSql(bbox, scope, { pointIndex: false })} and ${readable}
			order by i.id limit ${limit}
		) walk`;
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
