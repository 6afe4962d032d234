/**
 * Grid cells covering a box, for findInBBox's merged per-cell reads (migration 0005_bbox_cells
 * indexes the public point by cell, then id, at each size in GRID_LEVELS). The SQL expression and
 * `cellOf` compute the same IEEE double arithmetic, and both are monotone in the coordinate, so
 * every point inside a box lies in a cell between the cells of the box's corners.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { BBox } from '$lib/domain/types';
import { splitAntimeridian } from '$lib/geo/bbox';

/** Cell sizes in degrees, smallest first; each has its index in migration 0005. */
export const GRID_LEVELS = [0.04, 0.2, 1] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/**
 * Cells one merged read may cover. Each is a branch of one statement planned per request, so more
 * cells cost planning time; fewer cost reads in a coarser level's larger cells. On the 1M bench
 * boxes (interleaved, ids + summaries) 4–6 was best: city p95 5.6–5.8 ms against 8.4 at 9 and 9.1
 * at 16, province unchanged at ~4.7; 1–2 sends province boxes to the walk (p95 12 ms).
 */
export const GRID_MAX_CELLS = 6;

/** Rows per cell key: lat cells (< 4,500 at 0.04°) fit below it. */
const ROW = 65536;

const column = (v: number, offset: number, size: number) => Math.floor((v + offset) / size);

/** The cell key of a point, as the index expression computes it. */
export function cellOf(lng: number, lat: number, size: GridLevel): number {
	return column(lng, 180, size) * ROW + column(lat, 90, size);
}

/**
 * The finest level whose cells covering `bbox` (split at the antimeridian) number at most
 * `maxCells`, with those cells; null when even the coarsest needs more (a country-sized box,
 * where the id walk is cheap anyway).
 */
export function coverBox(
	bbox: BBox,
	maxCells = GRID_MAX_CELLS
): { level: GridLevel; cells: number[] } | null {
	const parts = splitAntimeridian(bbox);
	for (const level of GRID_LEVELS) {
		const ranges = parts.map((b) => ({
			x: [column(b.west, 180, level), column(b.east, 180, level)],
			y: [column(b.south, 90, level), column(b.north, 90, level)]
		}));
		const count = ranges.reduce((n, r) => n + (r.x[1] - r.x[0] + 1) * (r.y[1] - r.y[0] + 1), 0);
		if (count > maxCells) continue;
		const cells: number[] = [];
		for (const { x, y } of ranges) {
			for (let cx = x[0]; cx <= x[1]; cx++)
				for (let cy = y[0]; cy <= y[1]; cy++) cells.push(cx * ROW + cy);
		}
		return { level, cells };
	}
	return null;
}

/**
 * The index expression of `level` over `items i`'s public point. Written out as in migration 0005
 * (constants inlined, never bound), or the planner would not match it to the index.
 */
export function cellSql(level: GridLevel): SQL {
	const size = sql.raw(`${level}::float8`);
	return sql`(floor((i.public_lng + 180::float8) / ${size})::int8 * ${sql.raw(String(ROW))} + floor((i.public_lat + 90::float8) / ${size})::int8)`;
}
