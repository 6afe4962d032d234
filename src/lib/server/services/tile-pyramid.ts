/**
 * An in-process cluster pyramid for the map's tiles (one per access scope, every zoom; see
 * TileService): the readable points are aggregated once per zoom on the same global grid the SQL
 * path groups by (CLUSTER_GRID cells per tile side, so a cell at zoom z is
 * floor(worldX · 60 · 2^z)), and a tile is then ~62 binary searches (one per grid row, buffer row
 * included) instead of a GROUP BY over up to 600k rows. Cells are kept row-major
 * (key = row · width + column) in typed arrays. The items' tags (kind, titles, cover) are kept
 * packed next to the points (db/pyramid-tags.ts), so a tile needs no query at all.
 *
 * Above zoom 13 the sorted points answer directly: a tile reads the points of its z13 cells (and
 * one ring around), keeps those in the tile and its buffer, and aggregates them on the tile's own
 * grid only when there are more than MAX_TILE_FEATURES, exactly as the SQL path does. A kind
 * filter is answered the same way at every zoom (filteredCells), also exactly as SQL.
 *
 * Difference from the SQL path (documented, intended): unfiltered at z ≤ 13, the SQL path counts
 * only the points inside the 64-unit buffer, so a seam cell (68.27 units wide) is partly counted;
 * the pyramid counts the whole neighbour cell, so a seam cluster has the same count and position
 * in both tiles. Interior cells are identical up to float rounding.
 *
 * The build sorts without 64-bit packing and pauses every YIELD_EVERY points (buildAsync), so a
 * million points never block the event loop for long.
 */
import type { ItemFilter } from '../../domain/types';
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
import type { PyramidPoints, PyramidTags, TileItemProps } from '../db/ports';
import { pyramidTagsAt, pyramidTagsBytes } from '../db/pyramid-tags';
import { PbfWriter } from 'pbf';
import { encodePointTile, type PointFeature } from './tile-mvt';

/** The finest zoom with a stored aggregate level; above it tiles read the sorted points. */
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
		/** Points sorted by their cell key at PYRAMID_MAX_ZOOM (for individual features at z13+). */
		private readonly points: Points,
		/** The items' tags with their ids ascending (null: read them per tile with tileProps). */
		private readonly tagged: { ids: Int32Array; tags: PyramidTags } | null
	) {}

	/** Whether tags() answers (the engine gave the tags with the points). */
	get hasTags(): boolean {
		return this.tagged !== null;
	}

	/**
	 * The tile's bytes, as encodeCells(cells, this.tags(…)) gives them but without making a
	 * string: titles are copied from the packed UTF-8 into the tile (a z13 tile holds up to
	 * 4 096 items with two titles each).
	 */
	encode(cells: PyramidCell[]): Buffer {
		if (!this.tagged) throw new Error('The tile pyramid has no tags to encode');
		return encodeTagged(cells, this.tagged.ids, this.tagged.tags);
	}

	/** The tags of these single-item features, as tileProps would read them. */
	tags(ids: Iterable<number>): Map<number, TileItemProps> {
		const out = new Map<number, TileItemProps>();
		if (!this.tagged) return out;
		const { ids: all, tags } = this.tagged;
		for (const id of ids) {
			const i = lowerBound(all, id);
			if (i < all.length && all[i] === id) out.set(id, pyramidTagsAt(tags, i, id));
		}
		return out;
	}

	get pointCount(): number {
		return this.points.ids.length;
	}

	/** Bytes held by the typed arrays (for the bench and health pages). */
	get bytes(): number {
		const p = this.points;
		let total = p.keys.byteLength + p.ids.byteLength + p.wx.byteLength + p.wy.byteLength;
		total += p.src.byteLength;
		if (this.tagged) total += this.tagged.ids.byteLength + pyramidTagsBytes(this.tagged.tags);
		for (const l of this.levels) {
			total += l.keys.byteLength + l.counts.byteLength + l.sumX.byteLength;
			total += l.sumY.byteLength + l.minId.byteLength;
		}
		return total;
	}

	/** Builds in one go (tests, small sets). */
	static build(input: PyramidPoints): TilePyramid {
		const steps = buildSteps(input);
		for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
	}

	/**
	 * Builds in slices of about YIELD_EVERY points with a macrotask between them, so requests are
	 * answered while a million points are sorted (no slice blocks the event loop for long).
	 */
	static async buildAsync(input: PyramidPoints): Promise<TilePyramid> {
		const steps = buildSteps(input);
		for (let r = steps.next(); ; r = steps.next()) {
			if (r.done) return r.value;
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	/** @internal */
	static of(levels: Level[], points: Points, input: PyramidPoints): TilePyramid {
		const { ids, tags } = input;
		let ascending = true;
		for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1] < ids[i];
		const tagged = tags && ascending && tags.kindIndex.length === ids.length ? { ids, tags } : null;
		return new TilePyramid(levels, points, tagged);
	}

	/**
	 * The tile's features as the SQL path would give them (one per non-empty grid cell, or one per
	 * item at z13 when the tile holds no more than MAX_TILE_FEATURES), largest first.
	 */
	cells({ z, x, y }: TileCoord): PyramidCell[] {
		if (z >= PYRAMID_MAX_ZOOM) {
			const pts = this.individual({ z, x, y });
			if (pts) return pts;
			if (z > PYRAMID_MAX_ZOOM) return this.aggregate({ z, x, y });
		}
		const out: PyramidCell[] = [];
		const level = this.levels[z];
		for (const span of this.spans({ z, x, y }, level.width)) {
			for (
				let i = nextInSpan(level.keys, level.width, span, 0);
				i < level.keys.length;
				i = nextInSpan(level.keys, level.width, span, i + 1)
			) {
				const c = level.counts[i];
				out.push({
					n: c,
					px: ((level.sumX[i] / c + span.shift) * 2 ** z - x) * TILE_EXTENT,
					py: ((level.sumY[i] / c) * 2 ** z - y) * TILE_EXTENT,
					oneId: level.minId[i]
				});
			}
		}
		return largestFirst(out);
	}

	/**
	 * Whether filtered tiles can be answered here: only a kind filter (the map's main one), and
	 * only when the pyramid carries the tags. Other filters stay on SQL.
	 */
	answers(filter: ItemFilter): boolean {
		if (!this.tagged) return false;
		return Object.entries(filter).every(
			([k, v]) => v === undefined || (Array.isArray(v) && (v.length === 0 || k === 'kinds'))
		);
	}

	/**
	 * The tile with only the items of these kinds, as the SQL path gives it: one feature per item
	 * from z13 when there are at most MAX_TILE_FEATURES, else aggregated on the tile's own grid
	 * (seams exact, like SQL). `kinds` empty or absent means every kind.
	 */
	filteredCells(tile: TileCoord, filter: ItemFilter): PyramidCell[] {
		if (!filter.kinds || filter.kinds.length === 0) return this.cells(tile);
		const tags = this.tagged?.tags;
		if (!tags) throw new Error('The tile pyramid has no tags to filter on');
		const mask = new Uint8Array(256);
		for (const kind of filter.kinds) {
			const k = tags.kinds.indexOf(kind);
			if (k >= 0) mask[k] = 1;
		}
		const keep = { mask, kindOf: this.kindOf() };
		if (tile.z >= PYRAMID_MAX_ZOOM) {
			const pts = this.individual(tile, keep);
			if (pts) return pts;
		}
		return this.aggregate(tile, keep);
	}

	private sortedKinds: Uint8Array | null = null;

	/** Each point's kind index in point order (made on the first filtered tile: 1 byte a point). */
	private kindOf(): Uint8Array {
		if (!this.sortedKinds) {
			const { kindIndex } = this.tagged!.tags;
			const src = this.points.src;
			this.sortedKinds = new Uint8Array(src.length);
			for (let k = 0; k < src.length; k++) this.sortedKinds[k] = kindIndex[src[k]];
		}
		return this.sortedKinds;
	}

	/** Calls `visit` for every point in the tile and its buffer (px, py in tile units). */
	private eachPoint(
		tile: TileCoord,
		visit: (px: number, py: number, id: number) => boolean | void,
		keep: KindMask | null = null
	): void {
		const p = this.points;
		const top = CLUSTER_GRID * 2 ** PYRAMID_MAX_ZOOM;
		const scale = 2 ** tile.z;
		// Below z13 the buffer is wider than one finest cell: read as many rings as it needs.
		const ring = Math.max(1, Math.ceil(((top / scale) * TILE_BUFFER) / TILE_EXTENT));
		for (const span of this.spans(tile, top, ring)) {
			for (
				let i = nextInSpan(p.keys, top, span, 0);
				i < p.keys.length;
				i = nextInSpan(p.keys, top, span, i + 1)
			) {
				if (keep && keep.mask[keep.kindOf[i]] === 0) continue;
				const px = ((p.wx[i] + span.shift) * scale - tile.x) * TILE_EXTENT;
				const py = (p.wy[i] * scale - tile.y) * TILE_EXTENT;
				if (px < -TILE_BUFFER || px > TILE_EXTENT + TILE_BUFFER) continue;
				if (py < -TILE_BUFFER || py > TILE_EXTENT + TILE_BUFFER) continue;
				if (visit(px, py, p.ids[i]) === false) return;
			}
		}
	}

	/** Every point in the tile and its exact buffer, or null when there are too many (aggregate). */
	private individual(tile: TileCoord, keep: KindMask | null = null): PyramidCell[] | null {
		const out: PyramidCell[] = [];
		let over = false;
		this.eachPoint(
			tile,
			(px, py, id) => {
				if (out.length === INDIVIDUAL_LIMIT) {
					over = true;
					return false;
				}
				out.push({ n: 1, px, py, oneId: id });
			},
			keep
		);
		return over ? null : out.sort((a, b) => a.oneId - b.oneId);
	}

	/**
	 * The tile's points on its own CLUSTER_GRID (as the SQL path aggregates a crowded tile above
	 * zoom 12): only points inside the tile and buffer count, so seam cells match SQL exactly.
	 */
	private aggregate(tile: TileCoord, keep: KindMask | null = null): PyramidCell[] {
		const cell = TILE_EXTENT / CLUSTER_GRID;
		// Buffer cells: columns and rows from -2 to CLUSTER_GRID + 1 (64 units < one cell).
		const side = CLUSTER_GRID + 4;
		const n = new Int32Array(side * side);
		const sx = new Float64Array(side * side);
		const sy = new Float64Array(side * side);
		const min = new Int32Array(side * side);
		// The loop of eachPoint, inlined: a filtered z3 tile reads every point of the country.
		const p = this.points;
		const top = CLUSTER_GRID * 2 ** PYRAMID_MAX_ZOOM;
		const scale = 2 ** tile.z;
		const ring = Math.max(1, Math.ceil(((top / scale) * TILE_BUFFER) / TILE_EXTENT));
		const mask = keep?.mask;
		const kindOf = keep?.kindOf;
		const { keys, wx, wy, ids } = p;
		for (const span of this.spans(tile, top, ring)) {
			for (let i = nextInSpan(keys, top, span, 0); i < keys.length;) {
				// A run of points in one row of the span, then a jump to the next run.
				const end = Math.floor(keys[i] / top) * top + span.c1;
				for (; i < keys.length && keys[i] <= end; i++) {
					if (mask && mask[kindOf![i]] === 0) continue;
					const px = ((wx[i] + span.shift) * scale - tile.x) * TILE_EXTENT;
					const py = (wy[i] * scale - tile.y) * TILE_EXTENT;
					if (px < -TILE_BUFFER || px > TILE_EXTENT + TILE_BUFFER) continue;
					if (py < -TILE_BUFFER || py > TILE_EXTENT + TILE_BUFFER) continue;
					const k = (Math.floor(py / cell) + 2) * side + Math.floor(px / cell) + 2;
					const id = ids[i];
					if (n[k] === 0 || id < min[k]) min[k] = id;
					n[k] += 1;
					sx[k] += px;
					sy[k] += py;
				}
				i = nextInSpan(keys, top, span, i);
			}
		}
		const out: PyramidCell[] = [];
		for (let k = 0; k < n.length; k++) {
			if (n[k] > 0) out.push({ n: n[k], px: sx[k] / n[k], py: sy[k] / n[k], oneId: min[k] });
		}
		return largestFirst(out);
	}

	/**
	 * Row and column ranges of grid cells to read for a tile: its own cells plus one ring of
	 * neighbours (the buffer), with the column ring wrapped across the antimeridian (shift = worlds
	 * to add to x), except at zoom 0 where the one tile is the whole world.
	 */
	private spans({ z, x, y }: TileCoord, width: number, ring = 1): Span[] {
		// Whole cells per tile up to PYRAMID_MAX_ZOOM; above it a cell spans several tiles' parts.
		const per = width / 2 ** z;
		const r0 = Math.max(0, Math.floor(y * per) - ring);
		const r1 = Math.min(width - 1, Math.ceil((y + 1) * per) + ring - 1);
		const c0 = Math.floor(x * per) - ring;
		const c1 = Math.ceil((x + 1) * per) + ring - 1;
		const spans: Span[] = [{ r0, r1, c0: Math.max(0, c0), c1: Math.min(width - 1, c1), shift: 0 }];
		if (z === 0) return spans;
		if (c0 < 0) spans.push({ r0, r1, c0: width + c0, c1: width - 1, shift: -1 });
		if (c1 > width - 1) spans.push({ r0, r1, c0: 0, c1: c1 - width, shift: 1 });
		return spans;
	}
}

/** Kinds to keep: mask[kind index] is 1; kindOf is each sorted point's kind index. */
interface KindMask {
	mask: Uint8Array;
	kindOf: Uint8Array;
}

interface Span {
	r0: number;
	r1: number;
	c0: number;
	c1: number;
	shift: number;
}

/** Encodes pyramid cells with the same tags and rounding as the SQL paths. */
export function encodeCells(cells: PyramidCell[], props: Map<number, TileItemProps>): Buffer {
	const features = cells.map((c): PointFeature => {
		const one = c.n === 1 ? props.get(c.oneId) : undefined;
		if (!one) return { x: c.px, y: c.py, tags: { count: c.n } };
		const tags = itemTags(one);
		tags.count = 1;
		return { x: c.px, y: c.py, id: one.id, tags };
	});
	return encodePointTile(ITEM_TILE_LAYER, TILE_EXTENT, features);
}

/** A single item's tags; absent values stay absent (MVT has no null). */
export function itemTags(one: TileItemProps): Record<string, string | number> {
	const tags: Record<string, string | number> = { id: one.id, kind: one.kind };
	if (one.title_vi) tags.title_vi = one.title_vi;
	if (one.title_en) tags.title_en = one.title_en;
	if (one.cover !== null) tags.cover = one.cover;
	return tags;
}

/** Keys of the item layer, in the order written (see itemTags). */
const TAG_KEYS = ['id', 'kind', 'title_vi', 'title_en', 'cover', 'count'];
const [K_ID, K_KIND, K_VI, K_EN, K_COVER, K_COUNT] = TAG_KEYS.map((_, i) => i);
const MOVE_TO_ONE = (1 & 0x7) | (1 << 3);

/** A value of the layer's table: a whole number, a kind, or a title's UTF-8 bytes [from, to). */
type TagValue = number | string | [number, number];

function encodeTagged(cells: PyramidCell[], all: Int32Array, tags: PyramidTags): Buffer {
	if (cells.length === 0) return Buffer.alloc(0);
	const values: TagValue[] = [];
	const numbers = new Map<number, number>();
	const kinds = new Map<number, number>();
	const number = (v: number) => {
		let i = numbers.get(v);
		if (i === undefined) {
			i = values.push(v) - 1;
			numbers.set(v, i);
		}
		return i;
	};
	const o = tags.offsets;
	const feature = { id: 0, x: 0, y: 0, tags: [] as number[] };
	const writeFeature = (f: typeof feature, out: PbfWriter) => {
		if (f.id > 0) out.writeVarintField(1, f.id);
		out.writePackedVarint(2, f.tags);
		out.writeVarintField(3, 1);
		out.writePackedVarint(4, [MOVE_TO_ONE, zigzag(Math.round(f.x)), zigzag(Math.round(f.y))]);
	};
	const pbf = new PbfWriter();
	pbf.writeMessage(
		3,
		(_: null, out: PbfWriter) => {
			out.writeVarintField(15, 2);
			out.writeStringField(1, ITEM_TILE_LAYER);
			for (const c of cells) {
				feature.x = c.px;
				feature.y = c.py;
				feature.id = 0;
				feature.tags.length = 0;
				const i = c.n === 1 ? lowerBound(all, c.oneId) : -1;
				if (i >= 0 && i < all.length && all[i] === c.oneId) {
					feature.id = c.oneId;
					feature.tags.push(K_ID, number(c.oneId));
					let k = kinds.get(tags.kindIndex[i]);
					if (k === undefined) {
						k = values.push(tags.kinds[tags.kindIndex[i]]) - 1;
						kinds.set(tags.kindIndex[i], k);
					}
					feature.tags.push(K_KIND, k);
					if (o[2 * i + 1] > o[2 * i]) {
						feature.tags.push(K_VI, values.push([o[2 * i], o[2 * i + 1]]) - 1);
					}
					if (o[2 * i + 2] > o[2 * i + 1]) {
						feature.tags.push(K_EN, values.push([o[2 * i + 1], o[2 * i + 2]]) - 1);
					}
					if (tags.cover[i] !== 0) feature.tags.push(K_COVER, number(tags.cover[i]));
				}
				feature.tags.push(K_COUNT, number(c.n));
				out.writeMessage(2, writeFeature, feature);
			}
			for (const key of TAG_KEYS) out.writeStringField(3, key);
			for (const v of values) {
				out.writeMessage(
					4,
					(value: TagValue, w: PbfWriter) => {
						if (typeof value === 'number') w.writeVarintField(5, value);
						else if (typeof value === 'string') w.writeStringField(1, value);
						else w.writeBytesField(1, tags.text.subarray(value[0], value[1]));
					},
					v
				);
			}
			out.writeVarintField(5, TILE_EXTENT);
		},
		null
	);
	const bytes = pbf.finish();
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function zigzag(n: number): number {
	return (n << 1) ^ (n >> 31);
}

function largestFirst(cells: PyramidCell[]): PyramidCell[] {
	cells.sort((a, b) => b.n - a.n || a.oneId - b.oneId);
	return cells.length > MAX_TILE_FEATURES ? cells.slice(0, MAX_TILE_FEATURES) : cells;
}

/** Points handled between two yields of an async build. */
const YIELD_EVERY = 1 << 16;

interface Points {
	keys: Float64Array;
	ids: Int32Array;
	wx: Float64Array;
	wy: Float64Array;
	/** Each point's position in the input (where its tags are). */
	src: Int32Array;
}

/**
 * The build, pausing (yield) every YIELD_EVERY points. Points are ordered by cell key without
 * 64-bit packing: a counting sort by grid row, then a native sort of each row's (column, index)
 * pairs packed in a double (19 + 24 bits). Coarser levels merge pairs of rows in one pass.
 */
function* buildSteps(input: PyramidPoints): Generator<void, TilePyramid> {
	const top = CLUSTER_GRID * 2 ** PYRAMID_MAX_ZOOM;
	const n = input.ids.length;
	if (n >= 2 ** 24) throw new Error('The tile pyramid holds at most 16 777 215 points');
	const rowOf = new Int32Array(n);
	const colOf = new Int32Array(n);
	const wxAll = new Float64Array(n);
	const wyAll = new Float64Array(n);
	const kept = new Int32Array(n);
	let m = 0;
	for (let i = 0; i < n; i++) {
		if ((i & (YIELD_EVERY - 1)) === 0 && i > 0) yield;
		const lat = input.lat[i];
		const lng = input.lng[i];
		// The SQL path's boxes stop at the mercator limit: such points are in no tile.
		if (!(Math.abs(lat) <= MAX_MERCATOR_LAT) || !(Math.abs(lng) <= 180)) continue;
		const wx = (lng + 180) / 360;
		const wy = worldY(lat);
		wxAll[m] = wx;
		wyAll[m] = wy;
		rowOf[m] = cellOf(wy, top);
		colOf[m] = cellOf(wx, top);
		kept[m] = i;
		m++;
	}
	yield;
	// Counting sort by row (stable), then each row by (column, index).
	const start = new Int32Array(top + 1);
	for (let j = 0; j < m; j++) start[rowOf[j] + 1] += 1;
	for (let r = 0; r < top; r++) start[r + 1] += start[r];
	yield;
	const packed = new Float64Array(m);
	const fill = start.slice(0, top);
	for (let j = 0; j < m; j++) {
		if ((j & (YIELD_EVERY - 1)) === 0 && j > 0) yield;
		packed[fill[rowOf[j]]++] = colOf[j] * 2 ** 24 + j;
	}
	yield;
	let done = 0;
	for (let r = 0; r < top; r++) {
		if (start[r + 1] - start[r] > 1) packed.subarray(start[r], start[r + 1]).sort();
		done += start[r + 1] - start[r];
		if (done >= YIELD_EVERY) {
			done = 0;
			yield;
		}
	}
	const points: Points = {
		keys: new Float64Array(m),
		ids: new Int32Array(m),
		wx: new Float64Array(m),
		wy: new Float64Array(m),
		src: new Int32Array(m)
	};
	for (let k = 0; k < m; k++) {
		if ((k & (YIELD_EVERY - 1)) === 0 && k > 0) yield;
		const j = packed[k] % 2 ** 24;
		points.keys[k] = rowOf[j] * top + colOf[j];
		points.ids[k] = input.ids[kept[j]];
		points.wx[k] = wxAll[j];
		points.wy[k] = wyAll[j];
		points.src[k] = kept[j];
	}
	yield;
	const levels: Level[] = new Array<Level>(PYRAMID_MAX_ZOOM + 1);
	levels[PYRAMID_MAX_ZOOM] = yield* finestLevel(points, top);
	for (let z = PYRAMID_MAX_ZOOM - 1; z >= 0; z--) {
		yield;
		levels[z] = yield* parentLevel(levels[z + 1]);
	}
	return TilePyramid.of(levels, points, input);
}

function cellOf(w: number, width: number): number {
	return Math.min(width - 1, Math.floor(w * width));
}

function* finestLevel(p: Points, width: number): Generator<void, Level> {
	let cells = 0;
	for (let i = 0; i < p.keys.length; i++) if (i === 0 || p.keys[i] !== p.keys[i - 1]) cells++;
	yield;
	const level = emptyLevel(width, cells);
	let c = -1;
	for (let i = 0; i < p.keys.length; i++) {
		if ((i & (YIELD_EVERY - 1)) === 0 && i > 0) yield;
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

/**
 * Halves the grid: a cell's parent is (row >> 1, column >> 1), exact since widths are 60·2^z.
 * The child cells are row-major, so a parent row is a merge of child rows 2R and 2R + 1 by
 * column; a parent cell adds its children in child order (row 2R first), as a sort would.
 */
function* parentLevel(child: Level): Generator<void, Level> {
	const width = child.width / 2;
	const n = child.keys.length;
	const rowOf = (i: number) => Math.floor(child.keys[i] / child.width);
	const colOf = (i: number, row: number) => child.keys[i] - row * child.width;
	const keys = new Float64Array(n);
	const counts = new Int32Array(n);
	const sumX = new Float64Array(n);
	const sumY = new Float64Array(n);
	const minId = new Int32Array(n);
	let c = -1;
	const add = (i: number, key: number) => {
		if (c < 0 || keys[c] !== key) {
			c++;
			keys[c] = key;
			minId[c] = child.minId[i];
		} else if (child.minId[i] < minId[c]) minId[c] = child.minId[i];
		counts[c] += child.counts[i];
		sumX[c] += child.sumX[i];
		sumY[c] += child.sumY[i];
	};
	let i = 0;
	let sinceYield = 0;
	while (i < n) {
		if (i - sinceYield >= YIELD_EVERY) {
			sinceYield = i;
			yield;
		}
		const parentRow = rowOf(i) >> 1;
		// Rows 2R (a0..a1) and 2R + 1 (b0..b1), adjacent in row-major order.
		const a0 = i;
		while (i < n && rowOf(i) === parentRow * 2) i++;
		const b0 = i;
		while (i < n && rowOf(i) === parentRow * 2 + 1) i++;
		let a = a0;
		let b = b0;
		const base = parentRow * width;
		while (a < b0 || b < i) {
			const ca = a < b0 ? colOf(a, parentRow * 2) >> 1 : Infinity;
			const cb = b < i ? colOf(b, parentRow * 2 + 1) >> 1 : Infinity;
			if (ca <= cb) {
				// Every child of this parent in row 2R before those of row 2R + 1.
				const col = ca;
				while (a < b0 && colOf(a, parentRow * 2) >> 1 === col) add(a++, base + col);
				while (b < i && colOf(b, parentRow * 2 + 1) >> 1 === col) add(b++, base + col);
			} else {
				const col = cb;
				while (b < i && colOf(b, parentRow * 2 + 1) >> 1 === col) add(b++, base + col);
			}
		}
	}
	const cells = c + 1;
	return {
		width,
		keys: keys.slice(0, cells),
		counts: counts.slice(0, cells),
		sumX: sumX.slice(0, cells),
		sumY: sumY.slice(0, cells),
		minId: minId.slice(0, cells)
	};
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

/**
 * The first index from `i` whose key is in the span's rows and columns (or keys.length). Keys
 * are row-major, so it walks on inside a row and jumps (binary search) over columns and rows
 * outside the span: a low-zoom tile does not search each of its 60 000 finest rows.
 */
function nextInSpan(keys: Float64Array, width: number, span: Span, i: number): number {
	while (i < keys.length) {
		const row = Math.floor(keys[i] / width);
		if (row > span.r1) return keys.length;
		const col = keys[i] - row * width;
		if (row < span.r0 || col < span.c0) {
			i = lowerBound(keys, Math.max(row, span.r0) * width + span.c0, i);
		} else if (col > span.c1) {
			i = lowerBound(keys, (row + 1) * width + span.c0, i);
		} else return i;
	}
	return i;
}

/** First index (from lo) whose key is ≥ `key`. */
function lowerBound(keys: Float64Array | Int32Array, key: number, lo = 0): number {
	let hi = keys.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (keys[mid] < key) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
