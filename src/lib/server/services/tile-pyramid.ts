/**
 * An in-process cluster pyramid for the hot map path (anonymous viewer, no filter, zoom ≤ 13):
 * the readable points are aggregated once per zoom on the same global grid the SQL path groups by
 * (CLUSTER_GRID cells per tile side, so a cell at zoom z is floor(worldX · 60 · 2^z)), and a tile
 * is then ~62 binary searches (one per grid row, buffer row included) instead of a GROUP BY over up
 * to 600k rows. Cells are kept row-major (key = row · width + column) in typed arrays.
 *
 * Difference from the SQL path (documented, intended): the SQL path counts only the points inside
 * the 64-unit buffer, so a seam cell (68.27 units wide) is partly counted; the pyramid counts the
 * whole neighbour cell, so a seam cluster has the same count and position in both tiles. Interior
 * cells are identical up to float rounding.
 */
import vtpbf, { type TileLikeFeature } from 'vt-pbf';
import {
	CLUSTER_GRID,
	ITEM_TILE_LAYER,
	MAX_MERCATOR_LAT,
	MAX_TILE_FEATURES,
	TILE_BUFFER,
	TILE_EXTENT,
	worldY,
	type TileCoord
} from '../../geo/tiles';
import type { PyramidPoints, TileItemProps } from '../db/ports';

/** The finest zoom the pyramid answers; z ≥ 14 stays on SQL (few points per tile there). */
export const PYRAMID_MAX_ZOOM = 13;
/** Above CLUSTER_MAX_ZOOM (12) a tile with more points than this is aggregated, as in SQL. */
const INDIVIDUAL_LIMIT = MAX_TILE_FEATURES;

interface Level {
	width: number;
	keys: Float64Array;
	counts: Int32Array;
	sumX: Float64Array;
	sumY: Float64Array;
	minId: Int32Array;
}

/** One feature before encoding: n items at (px, py) tile units; oneId is the smallest id. */
export interface PyramidCell {
	n: number;
	px: number;
	py: number;
	oneId: number;
}

export class TilePyramid {
	private constructor(
		private readonly levels: Level[],
		/** Points sorted by their cell key at PYRAMID_MAX_ZOOM (for individual features at z13). */
		private readonly points: {
			keys: Float64Array;
			ids: Int32Array;
			wx: Float64Array;
			wy: Float64Array;
		}
	) {}

	get pointCount(): number {
		return this.points.ids.length;
	}

	/** Bytes held by the typed arrays (for the bench and health pages). */
	get bytes(): number {
		const p = this.points;
		let total = p.keys.byteLength + p.ids.byteLength + p.wx.byteLength + p.wy.byteLength;
		for (const l of this.levels) {
			total += l.keys.byteLength + l.counts.byteLength + l.sumX.byteLength;
			total += l.sumY.byteLength + l.minId.byteLength;
		}
		return total;
	}

	static build(input: PyramidPoints): TilePyramid {
		const top = CLUSTER_GRID * 2 ** PYRAMID_MAX_ZOOM;
		const n = input.ids.length;
		if (n >= 2 ** 24) throw new Error('The tile pyramid holds at most 16 777 215 points');
		// Pack (cell key < 2^38, input index < 2^24) into one 64-bit integer: one native sort.
		const packed = new BigUint64Array(n);
		const wxAll = new Float64Array(n);
		const wyAll = new Float64Array(n);
		let m = 0;
		for (let i = 0; i < n; i++) {
			const lat = input.lat[i];
			const lng = input.lng[i];
			// The SQL path's boxes stop at the mercator limit: such points are in no tile.
			if (!(Math.abs(lat) <= MAX_MERCATOR_LAT) || !(Math.abs(lng) <= 180)) continue;
			const wx = (lng + 180) / 360;
			const wy = worldY(lat);
			wxAll[i] = wx;
			wyAll[i] = wy;
			const key = cellOf(wy, top) * top + cellOf(wx, top);
			packed[m++] = (BigInt(key) << 24n) | BigInt(i);
		}
		const sorted = packed.subarray(0, m).sort();
		const points = {
			keys: new Float64Array(m),
			ids: new Int32Array(m),
			wx: new Float64Array(m),
			wy: new Float64Array(m)
		};
		for (let j = 0; j < m; j++) {
			const v = sorted[j];
			const i = Number(v & 0xffffffn);
			points.keys[j] = Number(v >> 24n);
			points.ids[j] = input.ids[i];
			points.wx[j] = wxAll[i];
			points.wy[j] = wyAll[i];
		}
		const levels: Level[] = new Array<Level>(PYRAMID_MAX_ZOOM + 1);
		levels[PYRAMID_MAX_ZOOM] = finestLevel(points, top);
		for (let z = PYRAMID_MAX_ZOOM - 1; z >= 0; z--) levels[z] = parentLevel(levels[z + 1]);
		return new TilePyramid(levels, points);
	}

	/**
	 * The tile's features as the SQL path would give them (one per non-empty grid cell, or one per
	 * item at z13 when the tile holds no more than MAX_TILE_FEATURES), largest first.
	 */
	cells({ z, x, y }: TileCoord): PyramidCell[] {
		if (z > PYRAMID_MAX_ZOOM) throw new Error(`The tile pyramid stops at zoom ${PYRAMID_MAX_ZOOM}`);
		const out: PyramidCell[] = [];
		if (z === PYRAMID_MAX_ZOOM) {
			const pts = this.individual({ z, x, y });
			if (pts) return pts;
		}
		const level = this.levels[z];
		for (const span of this.spans({ z, x, y }, level.width)) {
			for (let row = span.r0; row <= span.r1; row++) {
				let i = lowerBound(level.keys, row * level.width + span.c0);
				const end = row * level.width + span.c1;
				for (; i < level.keys.length && level.keys[i] <= end; i++) {
					const c = level.counts[i];
					out.push({
						n: c,
						px: ((level.sumX[i] / c + span.shift) * 2 ** z - x) * TILE_EXTENT,
						py: ((level.sumY[i] / c) * 2 ** z - y) * TILE_EXTENT,
						oneId: level.minId[i]
					});
				}
			}
		}
		out.sort((a, b) => b.n - a.n || a.oneId - b.oneId);
		return out.slice(0, MAX_TILE_FEATURES);
	}

	/** Every point in the tile and its exact buffer, or null when there are too many (aggregate). */
	private individual(tile: TileCoord): PyramidCell[] | null {
		const p = this.points;
		const top = CLUSTER_GRID * 2 ** PYRAMID_MAX_ZOOM;
		const scale = 2 ** tile.z;
		const out: PyramidCell[] = [];
		for (const span of this.spans(tile, top)) {
			for (let row = span.r0; row <= span.r1; row++) {
				let i = lowerBound(p.keys, row * top + span.c0);
				const end = row * top + span.c1;
				for (; i < p.keys.length && p.keys[i] <= end; i++) {
					const px = ((p.wx[i] + span.shift) * scale - tile.x) * TILE_EXTENT;
					const py = (p.wy[i] * scale - tile.y) * TILE_EXTENT;
					if (px < -TILE_BUFFER || px > TILE_EXTENT + TILE_BUFFER) continue;
					if (py < -TILE_BUFFER || py > TILE_EXTENT + TILE_BUFFER) continue;
					if (out.length === INDIVIDUAL_LIMIT) return null;
					out.push({ n: 1, px, py, oneId: p.ids[i] });
				}
			}
		}
		return out.sort((a, b) => a.oneId - b.oneId);
	}

	/**
	 * Row and column ranges of grid cells to read for a tile: its own cells plus one ring of
	 * neighbours (the buffer), with the column ring wrapped across the antimeridian (shift = worlds
	 * to add to x), except at zoom 0 where the one tile is the whole world.
	 */
	private spans({ z, x, y }: TileCoord, width: number): Span[] {
		const per = width / 2 ** z;
		const r0 = Math.max(0, y * per - 1);
		const r1 = Math.min(width - 1, (y + 1) * per);
		const c0 = x * per - 1;
		const c1 = (x + 1) * per;
		const spans: Span[] = [{ r0, r1, c0: Math.max(0, c0), c1: Math.min(width - 1, c1), shift: 0 }];
		if (z === 0) return spans;
		if (c0 < 0) spans.push({ r0, r1, c0: width - 1, c1: width - 1, shift: -1 });
		if (c1 > width - 1) spans.push({ r0, r1, c0: 0, c1: 0, shift: 1 });
		return spans;
	}
}

interface Span {
	r0: number;
	r1: number;
	c0: number;
	c1: number;
	shift: number;
}

/** Encodes pyramid cells exactly like the SQLite path (same tags, same rounding). */
export function encodeCells(cells: PyramidCell[], props: Map<number, TileItemProps>): Buffer {
	if (cells.length === 0) return Buffer.alloc(0);
	const features = cells.map((c): TileLikeFeature => {
		const geometry: Array<[number, number]> = [[Math.round(c.px), Math.round(c.py)]];
		const one = c.n === 1 ? props.get(c.oneId) : undefined;
		if (!one) return { type: 1, geometry, tags: { count: c.n } };
		const tags: Record<string, string | number> = { id: one.id, kind: one.kind };
		if (one.title_vi) tags.title_vi = one.title_vi;
		if (one.title_en) tags.title_en = one.title_en;
		if (one.cover !== null) tags.cover = one.cover;
		return { type: 1, id: one.id, geometry, tags: { ...tags, count: 1 } };
	});
	const bytes = vtpbf.fromGeojsonVt(
		{ [ITEM_TILE_LAYER]: { features } },
		{ version: 2, extent: TILE_EXTENT }
	);
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function cellOf(w: number, width: number): number {
	return Math.min(width - 1, Math.floor(w * width));
}

function finestLevel(
	p: { keys: Float64Array; ids: Int32Array; wx: Float64Array; wy: Float64Array },
	width: number
): Level {
	let cells = 0;
	for (let i = 0; i < p.keys.length; i++) if (i === 0 || p.keys[i] !== p.keys[i - 1]) cells++;
	const level = emptyLevel(width, cells);
	let c = -1;
	for (let i = 0; i < p.keys.length; i++) {
		if (i === 0 || p.keys[i] !== p.keys[i - 1]) {
			c++;
			level.keys[c] = p.keys[i];
			level.minId[c] = p.ids[i];
		}
		level.counts[c] += 1;
		level.sumX[c] += p.wx[i];
		level.sumY[c] += p.wy[i];
		if (p.ids[i] < level.minId[c]) level.minId[c] = p.ids[i];
	}
	return level;
}

/** Halves the grid: a cell's parent is (row >> 1, column >> 1), exact since widths are 60·2^z. */
function parentLevel(child: Level): Level {
	const width = child.width / 2;
	const n = child.keys.length;
	const packed = new BigUint64Array(n);
	for (let i = 0; i < n; i++) {
		const key = child.keys[i];
		const row = Math.floor(key / child.width);
		const col = key - row * child.width;
		packed[i] = (BigInt((row >> 1) * width + (col >> 1)) << 24n) | BigInt(i);
	}
	packed.sort();
	const keys = new Float64Array(n);
	for (let j = 0; j < n; j++) keys[j] = Number(packed[j] >> 24n);
	let cells = 0;
	for (let j = 0; j < n; j++) if (j === 0 || keys[j] !== keys[j - 1]) cells++;
	const level = emptyLevel(width, cells);
	let c = -1;
	for (let j = 0; j < n; j++) {
		const i = Number(packed[j] & 0xffffffn);
		if (j === 0 || keys[j] !== keys[j - 1]) {
			c++;
			level.keys[c] = keys[j];
			level.minId[c] = child.minId[i];
		}
		level.counts[c] += child.counts[i];
		level.sumX[c] += child.sumX[i];
		level.sumY[c] += child.sumY[i];
		if (child.minId[i] < level.minId[c]) level.minId[c] = child.minId[i];
	}
	return level;
}

function emptyLevel(width: number, cells: number): Level {
	return {
		width,
		keys: new Float64Array(cells),
		counts: new Int32Array(cells),
		sumX: new Float64Array(cells),
		sumY: new Float64Array(cells),
		minId: new Int32Array(cells)
	};
}

/** First index whose key is ≥ `key`. */
function lowerBound(keys: Float64Array, key: number): number {
	let lo = 0;
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
