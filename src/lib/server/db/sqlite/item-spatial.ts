/**
 * Spatial reads over the R*Tree. The tree holds a box spanning each item's true and public point,
 * so every query re-tests the exact columns its scope may use (pointColumns).
 */
import type { AccessScope, BBox, ItemFilter, LngLat } from '$lib/domain/types';
import { splitAntimeridian, validateBBox } from '$lib/geo/bbox';
import { bboxAround, haversineMeters } from '$lib/geo/distance';
import { ValidationError } from '$lib/server/errors';
import { and, filterWhere, pointColumns, scopeWhere, type SqlPart } from './item-sql';
import type { SqliteContext } from './sqlite-context';

/**
 * Above denseThreshold R*Tree hits the box covers a large share of the data, and walking items in
 * id order (stopping at `limit`) beats reading and sorting every hit. The walk reads about
 * limit × items / hits entries, the tree plan about hits, so they cross near √(limit × items).
 * The walk reads the narrow items_id_scope_point_idx (about 4× cheaper per entry than the rows):
 * measured on 1M clustered items (limit 200) the plans cross at 5k–6k hits, DENSE_FACTOR ≈ 0.4.
 */
const DENSE_FACTOR = 0.4;
const DENSE_MIN = 500;
/** Half the Earth's circumference: a window this wide covers the globe. */
const WHOLE_EARTH_M = 20_100_000;
/**
 * First search radius. Dense towns hold ~300 items per 100 m window but ~20k per 1 km, and every
 * candidate is read and sorted in JS, so start small and widen by the density seen (nextRadius).
 */
const FIRST_RADIUS_M = 100;
/** Bounds on how much one round widens the window. */
const MIN_GROWTH = 2;
const MAX_GROWTH = 16;

export function checkBBox(b: BBox): void {
	const problem = validateBBox(b);
	if (problem) throw new ValidationError(problem);
}

/** `(lng BETWEEN … AND lat BETWEEN …) OR …` over the scope's point columns, one part per side. */
export function insideBoxes(boxes: BBox[], scope: AccessScope): SqlPart {
	const { lng, lat } = pointColumns(scope);
	return {
		sql: boxes.map(() => `(${lng} BETWEEN ? AND ? AND ${lat} BETWEEN ? AND ?)`).join(' OR '),
		params: boxes.flatMap((b) => [b.west, b.east, b.south, b.north])
	};
}

/** Ids of R*Tree entries touching any of the boxes (a superset of the matches). */
export function rtreeIds(boxes: BBox[]): SqlPart {
	return {
		sql: boxes
			.map(
				() =>
					'SELECT id FROM items_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ?'
			)
			.join(' UNION '),
		params: boxes.flatMap((b) => [b.west, b.east, b.south, b.north])
	};
}

export class ItemSpatial {
	constructor(private readonly ctx: SqliteContext) {}

	/** Ids inside `bbox`, ascending, at most `limit`. */
	idsInBBox(bbox: BBox, scope: AccessScope, limit: number, filter?: ItemFilter): number[] {
		checkBBox(bbox);
		if (limit === 0) return [];
		const boxes = splitAntimeridian(bbox);
		const where = and(scopeWhere(scope), filterWhere(filter, scope), insideBoxes(boxes, scope));
		const tree = rtreeIds(boxes);
		const threshold = this.denseThreshold(limit);
		// Counting stops at the threshold, so a dense box costs no more than the decision needs.
		const dense =
			this.ctx
				.stmt<{ n: number }>(`SELECT count(*) AS n FROM (${tree.sql} LIMIT ?)`)
				.get(...tree.params, threshold)!.n >= threshold;
		const sql = dense
			? `SELECT i.id FROM items i WHERE ${where.sql} ORDER BY i.id LIMIT ?`
			: `SELECT i.id FROM items i WHERE i.id IN (${tree.sql}) AND ${where.sql} ORDER BY i.id LIMIT ?`;
		const params = dense ? where.params : [...tree.params, ...where.params];
		return this.ctx
			.stmt<{ id: number }>(sql)
			.all(...params, limit)
			.map((r) => r.id);
	}

	/**
	 * R*Tree hits above which the id-order walk wins (see DENSE_FACTOR). max(id) stands in for the
	 * item count: it costs one seek.
	 */
	private denseThreshold(limit: number): number {
		const items = this.ctx.stmt<{ n: number }>('SELECT coalesce(max(id), 0) AS n FROM items').get()!
			.n;
		return Math.max(DENSE_MIN, Math.round(DENSE_FACTOR * Math.sqrt(limit * items)));
	}

	/**
	 * The `limit` nearest items, exact: search a window, widen it until it holds `limit` items
	 * within its radius (every point outside bboxAround(r) is farther than r), then sort.
	 */
	nearest(
		center: LngLat,
		scope: AccessScope,
		limit: number,
		maxMeters: number | undefined,
		filter?: ItemFilter
	): Array<{ id: number; meters: number }> {
		const [clng, clat] = center;
		if (!(clng >= -180 && clng <= 180 && clat >= -90 && clat <= 90)) {
			throw new ValidationError(
				'The point must be [longitude, latitude] within -180..180, -90..90.'
			);
		}
		if (maxMeters !== undefined && !(maxMeters >= 0)) {
			throw new ValidationError('maxMeters must be 0 or more.');
		}
		if (limit === 0) return [];
		const cap = Math.min(maxMeters ?? WHOLE_EARTH_M, WHOLE_EARTH_M);
		const base = and(scopeWhere(scope), filterWhere(filter, scope));
		const { lng, lat } = pointColumns(scope);
		let radius = Math.min(FIRST_RADIUS_M, cap);
		for (;;) {
			const boxes = splitAntimeridian(bboxAround(center, radius * (1 + 1e-9) + 1));
			const tree = rtreeIds(boxes);
			const inside = insideBoxes(boxes, scope);
			const rows = this.ctx
				.stmt<{ id: number; lng: number; lat: number }>(
					`SELECT i.id, ${lng} AS lng, ${lat} AS lat FROM items i
					WHERE i.id IN (${tree.sql}) AND ${base.sql} AND (${inside.sql})`
				)
				.all(...tree.params, ...base.params, ...inside.params);
			const all = rows
				.map((r) => ({ id: r.id, meters: haversineMeters(center, [r.lng, r.lat]) }))
				.sort((a, b) => a.meters - b.meters || a.id - b.id);
			const within = all.filter((r) => r.meters <= radius);
			if (within.length >= limit || radius >= cap) {
				return within.filter((r) => r.meters <= cap).slice(0, limit);
			}
			radius = Math.min(cap, nextRadius(radius, within.length, all, limit));
		}
	}
}

/**
 * The next window radius when `found` items (of `limit`) lie within `radius`. With enough
 * candidates in the box, the k-th nearest of them bounds the answer exactly. Otherwise grow by the
 * density seen so far (area ∝ r², aiming at twice the items needed), between ×2 and ×16 a round.
 */
function nextRadius(
	radius: number,
	found: number,
	candidates: Array<{ meters: number }>,
	limit: number
): number {
	if (candidates.length >= limit) return candidates[limit - 1].meters;
	const growth = found === 0 ? 4 : Math.sqrt((2 * limit) / found);
	return radius * Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, growth));
}
