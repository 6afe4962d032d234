/**
 * Item vector tiles on SQLite: an R*Tree range over the tile's buffered lng/lat box, projection
 * to tile units and grid aggregation in SQL (GROUP BY integer cell), then MVT encoding with
 * vt-pbf. The shape of the layer is the TileRepository contract in ports.ts.
 */
import vtpbf, { type TileLikeFeature } from 'vt-pbf';
import type { AccessScope, ItemFilter } from '$lib/domain/types';
import {
	clusterGrid,
	extentProblem,
	ITEM_TILE_LAYER,
	MAX_TILE_FEATURES,
	CLUSTER_GRID,
	TILE_BUFFER,
	TILE_EXTENT,
	tileProblem,
	tileSearchBoxes,
	type TileCoord,
	type TileSearchBox
} from '$lib/geo/tiles';
import type { PyramidPoints, TileItemProps, TileRepository } from '$lib/server/db/ports';
import { PyramidTagsBuilder } from '$lib/server/db/pyramid-tags';
import { ValidationError } from '$lib/server/errors';
import { and, filterWhere, pointColumns, scopeWhere, type SqlPart } from './item-sql';
import type { SqliteContext } from './sqlite-context';

/** Above this many R*Tree hits a plain scan of items beats looking each hit up by id. */
const DENSE_PROBE = 20_000;
/** A single item's tile tags, as columns over `items i`. */
const TITLE_VI = `(SELECT t.title FROM item_texts t WHERE t.item_id = i.id AND t.lang = 'vi')`;
const TITLE_EN = `(SELECT t.title FROM item_texts t WHERE t.item_id = i.id AND t.lang = 'en')`;
const COVER = `(SELECT m.id FROM media m WHERE m.item_id = i.id AND m.kind = 'image'
	ORDER BY m.position, m.id LIMIT 1)`;
/** Rows read per statement when loading the tile pyramid (see pointsForPyramid). */
const PYRAMID_CHUNK = 2_000;

interface CellRow {
	n: number;
	px: number;
	py: number;
	one_id: number;
}

interface PointRow {
	id: number;
	px: number;
	py: number;
}

type PropsRow = TileItemProps;

export class SqliteTileRepository implements TileRepository {
	constructor(private readonly ctx: SqliteContext) {}

	async itemsTile(
		tile: TileCoord,
		scope: AccessScope,
		opts: { filter?: ItemFilter; extent?: number }
	): Promise<Buffer> {
		const problem = tileProblem(tile) ?? extentProblem(opts.extent ?? TILE_EXTENT);
		if (problem) throw new ValidationError(problem);
		const extent = opts.extent ?? TILE_EXTENT;
		const buffer = Math.round((TILE_BUFFER * extent) / TILE_EXTENT);
		const boxes = tileSearchBoxes(tile, buffer, extent);
		const base = and(scopeWhere(scope), filterWhere(opts.filter, scope));
		const grid = clusterGrid(tile.z);
		let cells: CellRow[];
		if (grid === null) {
			const points = boxes.flatMap((b) =>
				this.points(b, tile, extent, scope, base, MAX_TILE_FEATURES + 1)
			);
			cells =
				points.length <= MAX_TILE_FEATURES
					? points.map((p) => ({ n: 1, px: p.px, py: p.py, one_id: p.id }))
					: this.aggregate(boxes, tile, extent, scope, base, CLUSTER_GRID);
		} else {
			cells = this.aggregate(boxes, tile, extent, scope, base, grid);
		}
		if (cells.length === 0) return Buffer.alloc(0);
		const props = this.props(cells.filter((c) => c.n === 1).map((c) => c.one_id));
		const features = cells.map((c): TileLikeFeature => {
			const geometry: Array<[number, number]> = [[Math.round(c.px), Math.round(c.py)]];
			const one = c.n === 1 ? props.get(c.one_id) : undefined;
			if (!one) return { type: 1, geometry, tags: { count: c.n } };
			return { type: 1, id: one.id, geometry, tags: { ...tagsOf(one), count: 1 } };
		});
		const bytes = vtpbf.fromGeojsonVt({ [ITEM_TILE_LAYER]: { features } }, { version: 2, extent });
		return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	// --- tile pyramid (see services/tile-pyramid.ts) ---

	async pointsForPyramid(scope: AccessScope): Promise<PyramidPoints> {
		const { lng, lat } = pointColumns(scope);
		const where = scopeWhere(scope);
		// The tags too (TileItemProps, as props() reads them), so pyramid tiles need no query.
		const q = `SELECT i.id, ${lng}, ${lat}, i.kind, ${TITLE_VI}, ${TITLE_EN}, ${COVER} FROM items i
			WHERE i.id > ? AND (${where.sql}) AND ${lng} IS NOT NULL AND ${lat} IS NOT NULL
			ORDER BY i.id LIMIT ${PYRAMID_CHUNK}`;
		// Grow typed arrays as rows stream in (no array of 1M row objects), and read in chunks with
		// a pause between them, so requests are answered while a million points load.
		let cap = 1024;
		let ids = new Int32Array(cap);
		let lngs = new Float64Array(cap);
		let lats = new Float64Array(cap);
		let n = 0;
		const tags = new PyramidTagsBuilder();
		for (let after = 0, got = PYRAMID_CHUNK; got === PYRAMID_CHUNK;) {
			got = 0;
			const rows = this.ctx
				.stmt(q)
				.raw(true)
				.iterate(after, ...where.params) as Iterable<
				[number, number, number, string, string | null, string | null, number | null]
			>;
			for (const [id, x, y, kind, titleVi, titleEn, cover] of rows) {
				tags.add(kind, titleVi, titleEn, cover);
				if (n === cap) {
					cap *= 2;
					ids = grow(ids, new Int32Array(cap));
					lngs = grow(lngs, new Float64Array(cap));
					lats = grow(lats, new Float64Array(cap));
				}
				ids[n] = id;
				lngs[n] = x;
				lats[n] = y;
				n += 1;
				got += 1;
				after = id;
			}
			await new Promise((resolve) => setImmediate(resolve));
		}
		return {
			ids: ids.slice(0, n),
			lng: lngs.slice(0, n),
			lat: lats.slice(0, n),
			tags: tags.finish()
		};
	}

	async tileProps(ids: readonly number[]): Promise<TileItemProps[]> {
		return [...this.props([...ids]).values()].map((r) => ({
			...r,
			title_vi: r.title_vi || null,
			title_en: r.title_en || null
		}));
	}

	async itemsStamp(scope: AccessScope): Promise<string> {
		// One scan of a million rows takes ~1 s; the count cache keeps the result until an item
		// write on this connection or a commit by another process (PRAGMA data_version). It holds
		// numbers, so the three values are kept as one 52-bit hash.
		const where = scopeWhere(scope, true);
		const key = `pyramid-stamp:${where.sql}:${JSON.stringify(where.params)}`;
		const stamp = this.ctx.counts.get(key, () => {
			const row = this.ctx
				.stmt<{ n: number; at: string | null; top: number | null }>(
					`SELECT count(*) AS n, max(i.updated_at) AS at, max(i.id) AS top FROM items i
					WHERE ${where.sql}`
				)
				.get(...where.params)!;
			return hash52(`${row.n}|${row.at ?? ''}|${row.top ?? ''}`);
		});
		return String(stamp);
	}

	/** Readable items in one search box, projected to tile units, id ascending. */
	private points(
		box: TileSearchBox,
		tile: TileCoord,
		extent: number,
		scope: AccessScope,
		base: SqlPart,
		limit: number
	): PointRow[] {
		const q = this.projected(box, tile, extent, scope, base);
		return this.ctx
			.stmt<PointRow>(`SELECT id, px, py FROM (${q.sql}) ORDER BY id LIMIT ?`)
			.all(...q.params, limit);
	}

	/** One row per non-empty grid cell over all boxes, largest first, capped. */
	private aggregate(
		boxes: TileSearchBox[],
		tile: TileCoord,
		extent: number,
		scope: AccessScope,
		base: SqlPart,
		grid: number
	): CellRow[] {
		const cell = extent / grid;
		const rows = boxes.flatMap((box) => {
			const q = this.projected(box, tile, extent, scope, base);
			return this.ctx
				.stmt<CellRow>(
					`SELECT count(*) AS n, avg(px) AS px, avg(py) AS py, min(id) AS one_id
					FROM (${q.sql})
					GROUP BY CAST(floor(px / ?) AS INTEGER), CAST(floor(py / ?) AS INTEGER)
					ORDER BY n DESC, one_id LIMIT ?`
				)
				.all(...q.params, cell, cell, MAX_TILE_FEATURES);
		});
		// Boxes never share a cell (they lie on different sides of the tile), so merging is a sort.
		if (boxes.length > 1) rows.sort((a, b) => b.n - a.n || a.one_id - b.one_id);
		return rows.slice(0, MAX_TILE_FEATURES);
	}

	/** `SELECT id, px, py` of the readable items in one box; px/py in tile units. */
	private projected(
		box: TileSearchBox,
		tile: TileCoord,
		extent: number,
		scope: AccessScope,
		base: SqlPart
	): SqlPart {
		const { lng, lat } = pointColumns(scope);
		const n = 2 ** tile.z;
		const inside: SqlPart = {
			sql: `${lng} BETWEEN ? AND ? AND ${lat} BETWEEN ? AND ?`,
			params: [box.west, box.east, box.south, box.north]
		};
		const tree: SqlPart = {
			sql: 'SELECT id FROM items_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ?',
			params: [box.west, box.east, box.south, box.north]
		};
		const hits = this.ctx
			.stmt<{ n: number }>(`SELECT count(*) AS n FROM (${tree.sql} LIMIT ${DENSE_PROBE})`)
			.get(...tree.params)!.n;
		const where =
			hits >= DENSE_PROBE
				? and(base, inside)
				: and({ sql: `i.id IN (${tree.sql})`, params: tree.params }, base, inside);
		// Same formulas as projectToTile in $lib/geo/tiles (the box keeps lat inside ±85.05°).
		return {
			sql: `SELECT i.id AS id,
				((${lng} + ? + 180.0) / 360.0 * ? - ?) * ? AS px,
				((1.0 - ln(tan(pi() / 4.0 + ${lat} * pi() / 360.0)) / pi()) / 2.0 * ? - ?) * ? AS py
				FROM items i WHERE ${where.sql}`,
			params: [box.shift, n, tile.x, extent, n, tile.y, extent, ...where.params]
		};
	}

	private props(ids: number[]): Map<number, PropsRow> {
		if (ids.length === 0) return new Map();
		const rows = this.ctx
			.stmt<PropsRow>(
				`SELECT i.id, i.kind, ${TITLE_VI} AS title_vi, ${TITLE_EN} AS title_en, ${COVER} AS cover
				FROM items i WHERE i.id IN (SELECT value FROM json_each(?))`
			)
			.all(JSON.stringify(ids));
		return new Map(rows.map((r) => [r.id, r]));
	}
}

/** FNV-1a over UTF-16 units, folded to 52 bits (exact in a double). */
function hash52(text: string): number {
	let h = 0xcbf29ce484222325n;
	for (let i = 0; i < text.length; i++) {
		h = ((h ^ BigInt(text.charCodeAt(i))) * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return Number(h & 0xfffffffffffffn);
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
	to.set(from);
	return to;
}

/** A single item's tags; absent values stay absent (MVT has no null). */
function tagsOf(row: PropsRow): Record<string, string | number> {
	const tags: Record<string, string | number> = { id: row.id, kind: row.kind };
	if (row.title_vi) tags.title_vi = row.title_vi;
	if (row.title_en) tags.title_en = row.title_en;
	if (row.cover !== null) tags.cover = row.cover;
	return tags;
}
