/**
 * The tiles section of `npm run bench`: the map's item tiles (`TileService.itemsTile`, what
 * `/tiles/items/{z}/{x}/{y}.mvt` answers) per zoom z3…z16 on a realistic set of tiles, uncached
 * and cached, with their sizes, next to the engine's bare tile query for the same tiles. Also the
 * map page's JavaScript sizes from the last client build. See tests/bench/README.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import vtpbf, { type TileLikeFeature } from 'vt-pbf';
import type { ItemFilter, LngLat, Viewer } from '../../src/lib/domain/types';
import {
	ITEM_TILE_LAYER,
	MAX_TILE_FEATURES,
	projectToTile,
	TILE_BUFFER,
	TILE_EXTENT,
	tileContaining,
	tileSearchBoxes,
	worldY,
	type TileCoord
} from '../../src/lib/geo/tiles';
import type { Database } from '../../src/lib/server/db/ports';
import { ANONYMOUS } from '../../src/lib/server/services/access.service';
import { ItemChangeNotifier } from '../../src/lib/server/services/item-changes';
import { TileService } from '../../src/lib/server/services/tile.service';
import { createRng } from './prng';
import { combinePasses, percentile, summarise, timeOnce, type Summary } from './stats';

export const TILE_MIN_ZOOM = 3;
export const TILE_MAX_ZOOM = 16;
/** The targets at 1M items (applied at every size). */
export const TILE_TARGETS = {
	/** Uncached p95 at z12–z16. */
	highZoomMs: 50,
	/** Uncached p95 at z3–z11 (anonymous, filtered, signed-in). */
	lowZoomMs: 150,
	cachedMs: 5,
	maxTileBytes: 500 * 1024,
	/** The /map page's own JavaScript, gzipped, without maplibre. */
	mapPageJsGzBytes: 120 * 1024
};
/** The filtered request measured at every zoom (filters bypass the pyramid). */
export const TILE_FILTER: ItemFilter = { kinds: ['site'] };
const FILTER_LABEL = 'kind=site';
/** A signed-in viewer who sees more than the public (drafts, staff-only, every community). */
const STAFF: Viewer = { kind: 'staff', userId: 1 };
/** A 1280×800 map at 512-pixel tiles shows about 2.5 × 1.6 tiles. */
const VIEW_HALF_TILES: [number, number] = [1.25, 0.8];

export interface TileBenchConfig {
	/** Timed tiles per zoom per pass for each kind of request. */
	samples: number;
	passes: number;
	seed: number;
}

export function tileBenchConfig(env: NodeJS.ProcessEnv, passes: number, seed: number) {
	const text = env.BENCH_TILE_SAMPLES;
	const samples = text ? Number(text) : 40;
	if (!Number.isSafeInteger(samples) || samples < 1) {
		throw new Error(`BENCH_TILE_SAMPLES must be a positive whole number (got "${text}").`);
	}
	return { samples, passes, seed };
}

/**
 * Per zoom, the tiles a person panning over the provinces would ask for: starting at a real
 * item, the tiles of a 2.5 × 1.6-tile view around it (a 1280 × 800 map at 512-pixel tiles) that
 * hold items (known from the sample rows), in panning order; and about one in ten tiles picked
 * anywhere in the world that hold none of the sample items (mostly empty). At low zoom Vietnam is
 * one to three tiles, so those repeat: that is what every visitor's first view asks for.
 */
export function buildTileWorkload(
	points: LngLat[],
	samples: number,
	seed: number
): Map<number, TileCoord[]> {
	if (points.length === 0) throw new Error('The loaded data has no public points to put tiles on.');
	const rng = createRng(seed ^ 0x711e);
	const out = new Map<number, TileCoord[]>();
	const empties = Math.max(1, Math.round(samples / 10));
	for (let z = TILE_MIN_ZOOM; z <= TILE_MAX_ZOOM; z++) {
		const n = 2 ** z;
		const withData = new Set<string>();
		for (const [lng, lat] of points) {
			const t = tileContaining(lng, lat, z);
			withData.add(`${t.x}/${t.y}`);
		}
		const tiles: TileCoord[] = [];
		while (tiles.length < samples - empties) {
			const [lng, lat] = rng.pick(points);
			const fx = ((lng + 180) / 360) * n + rng.range(-0.5, 0.5);
			const fy = worldY(lat) * n + rng.range(-0.5, 0.5);
			const [hx, hy] = VIEW_HALF_TILES;
			for (let y = Math.floor(fy - hy); y <= Math.floor(fy + hy); y++) {
				for (let x = Math.floor(fx - hx); x <= Math.floor(fx + hx); x++) {
					const t = { z, x: ((x % n) + n) % n, y };
					if (
						y >= 0 &&
						y < n &&
						withData.has(`${t.x}/${t.y}`) &&
						tiles.length < samples - empties
					) {
						tiles.push(t);
					}
				}
			}
		}
		for (let tries = 0, added = 0; added < empties && tries < 1000; tries++) {
			const t = { z, x: rng.int(0, n - 1), y: rng.int(0, n - 1) };
			if (withData.has(`${t.x}/${t.y}`)) continue;
			// Spread among the panning, as a person pans off the country now and then.
			tiles.splice(rng.int(0, tiles.length), 0, t);
			added++;
		}
		out.set(z, tiles);
	}
	return out;
}

/** The engine's bare tile: points in the tile + buffer, no access rule, clustering or tags. */
export interface RawTiles {
	/** Bytes of the encoded tile (0 when empty). */
	tile(t: TileCoord): Promise<number>;
	close(): Promise<void>;
}

/** SQLite: the R*Tree range over the tile's buffered box, projected and encoded with vt-pbf. */
export function openSqliteRawTiles(path: string): RawTiles {
	const raw = new BetterSqlite3(path, { fileMustExist: true, readonly: true });
	raw.pragma('cache_size = -32000');
	const stmt = raw
		.prepare<[number, number, number, number, number], [number, number, number]>(
			'SELECT id, min_lng, min_lat FROM items_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ? LIMIT ?'
		)
		.raw(true);
	return {
		async tile(t) {
			const features: TileLikeFeature[] = [];
			for (const box of tileSearchBoxes(t)) {
				const rows = stmt.all(
					box.west,
					box.east,
					box.south,
					box.north,
					MAX_TILE_FEATURES - features.length
				);
				for (const [, lng, lat] of rows) {
					const [px, py] = projectToTile(lng, lat, t, TILE_EXTENT, box.shift);
					features.push({ type: 1, geometry: [[Math.round(px), Math.round(py)]], tags: {} });
				}
			}
			if (features.length === 0) return 0;
			const bytes = vtpbf.fromGeojsonVt(
				{ [ITEM_TILE_LAYER]: { features } },
				{ version: 2, extent: TILE_EXTENT }
			);
			return bytes.byteLength;
		},
		async close() {
			raw.close();
		}
	};
}

/** PostGIS: the bare ST_AsMVT(ST_AsMVTGeom(…)) over the GiST index of public_geom. */
export async function openPostgisRawTiles(url: string): Promise<RawTiles> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const text = `select ST_AsMVT(q, '${ITEM_TILE_LAYER}', ${TILE_EXTENT}, 'geom') as mvt from (
			select ST_AsMVTGeom(ST_Transform(public_geom, 3857), ST_TileEnvelope($1, $2, $3),
				${TILE_EXTENT}, ${TILE_BUFFER}, true) as geom
			from items
			where public_geom && ST_Transform(
				ST_TileEnvelope($1, $2, $3, margin => ${TILE_BUFFER / TILE_EXTENT}), 4326)
			limit ${MAX_TILE_FEATURES}
		) q`;
	return {
		async tile(t) {
			const r = await client.query<{ mvt: Buffer | null }>({
				name: 'bench-raw-tile',
				text,
				values: [t.z, t.x, t.y]
			});
			return r.rows[0]?.mvt?.length ?? 0;
		},
		async close() {
			await client.end();
		}
	};
}

export interface TileZoomResult {
	z: number;
	/** Distinct tiles in the set, and how many of them are empty (204). */
	tiles: number;
	empty: number;
	uncached: Summary;
	cached: Summary;
	raw: Summary;
	filtered: Summary;
	signedIn: Summary;
	maxBytes: number;
	p95Bytes: number;
	rawMaxBytes: number;
}

export interface PyramidBuild {
	/** Start of the build to the pyramid answering. */
	ms: number;
	/** The signed-in (staff) scope's own pyramid, built next. */
	signedInMs: number;
	/** Memory held by the public pyramid (points, levels, tags). */
	bytes: number;
	/** The longest the event loop was blocked during the build (other requests wait this long). */
	maxStallMs: number;
	/** A low-zoom tile asked for while the build ran (served by SQL, not waiting). */
	duringBuildMs: number;
}

export interface TileRunResult {
	filter: string;
	samples: number;
	passes: number;
	pyramid: PyramidBuild | null;
	zooms: TileZoomResult[];
}

interface Side {
	summary: Summary[];
	bytes: number[];
}

export async function measureTiles(
	db: Database,
	raw: RawTiles,
	workload: Map<number, TileCoord[]>,
	cfg: { passes: number },
	log: (line: string) => void
): Promise<TileRunResult> {
	const changes = new ItemChangeNotifier();
	const service = new TileService({ tiles: db.tiles, changes });
	const pyramid = await timePyramidBuild(service, workload);
	if (pyramid) {
		log(
			`  tile pyramid: built in ${(pyramid.ms / 1000).toFixed(1)} s (signed-in ${(pyramid.signedInMs / 1000).toFixed(1)} s), ${(pyramid.bytes / 1e6).toFixed(0)} MB, longest event-loop stall ` +
				`${pyramid.maxStallMs.toFixed(0)} ms; a z5 tile during the build took ${pyramid.duringBuildMs.toFixed(0)} ms`
		);
	}
	const zooms: TileZoomResult[] = [];
	for (const [z, tiles] of workload) {
		const sides: Record<'uncached' | 'cached' | 'raw' | 'filtered' | 'signedIn', Side> = {
			uncached: { summary: [], bytes: [] },
			cached: { summary: [], bytes: [] },
			raw: { summary: [], bytes: [] },
			filtered: { summary: [], bytes: [] },
			signedIn: { summary: [], bytes: [] }
		};
		const cold = async (viewer: Viewer, t: TileCoord, filter: ItemFilter = {}) => {
			service.clearCaches();
			return (await service.itemsTile(viewer, t, filter)).body?.length ?? 0;
		};
		const runs: Array<[keyof typeof sides, (t: TileCoord) => Promise<number>]> = [
			['uncached', (t) => cold(ANONYMOUS, t)],
			['raw', (t) => raw.tile(t)],
			['filtered', (t) => cold(ANONYMOUS, t, TILE_FILTER)],
			['signedIn', (t) => cold(STAFF, t)]
		];
		for (let pass = 0; pass < cfg.passes; pass++) {
			const order = pass % 2 === 1 ? [...runs].reverse() : runs;
			for (const [key, run] of order) {
				for (const t of tiles.slice(0, 3)) await run(t); // warm-up
				const ms: number[] = [];
				const bytes: number[] = [];
				for (const t of tiles) {
					const r = await timeOnce(() => run(t));
					ms.push(r.ms);
					bytes.push(r.value);
				}
				sides[key].summary.push(summarise(ms));
				sides[key].bytes = bytes;
			}
			// Cached: every tile read once, then the timed repeats are cache hits.
			service.clearCaches();
			for (const t of tiles) await service.itemsTile(ANONYMOUS, t);
			const ms: number[] = [];
			for (const t of tiles) ms.push((await timeOnce(() => service.itemsTile(ANONYMOUS, t))).ms);
			sides.cached.summary.push(summarise(ms));
		}
		const distinct = new Map<string, number>();
		tiles.forEach((t, i) => distinct.set(`${t.x}/${t.y}`, sides.uncached.bytes[i]));
		const sizes = [...distinct.values()].sort((a, b) => a - b);
		const rawSizes = [...sides.raw.bytes].sort((a, b) => a - b);
		const result: TileZoomResult = {
			z,
			tiles: distinct.size,
			empty: sizes.filter((b) => b === 0).length,
			uncached: combinePasses(sides.uncached.summary),
			cached: combinePasses(sides.cached.summary),
			raw: combinePasses(sides.raw.summary),
			filtered: combinePasses(sides.filtered.summary),
			signedIn: combinePasses(sides.signedIn.summary),
			maxBytes: sizes[sizes.length - 1] ?? 0,
			p95Bytes: percentile(sizes, 95),
			rawMaxBytes: rawSizes[rawSizes.length - 1] ?? 0
		};
		log(
			`    tiles z${z}: uncached p95 ${result.uncached.p95.toFixed(1)} ms · cached p95 ` +
				`${result.cached.p95.toFixed(2)} ms · raw p50 ${result.raw.p50.toFixed(1)} ms · ` +
				`${FILTER_LABEL} p95 ${result.filtered.p95.toFixed(1)} ms · signed-in p95 ` +
				`${result.signedIn.p95.toFixed(1)} ms · max ${kb(result.maxBytes)}`
		);
		zooms.push(result);
	}
	return {
		filter: FILTER_LABEL,
		samples: workload.get(TILE_MIN_ZOOM)?.length ?? 0,
		passes: cfg.passes,
		pyramid,
		zooms
	};
}

/** Times the background pyramid build, the event loop meanwhile, and a tile asked for during it. */
async function timePyramidBuild(
	service: TileService,
	workload: Map<number, TileCoord[]>
): Promise<PyramidBuild | null> {
	const histogram = monitorEventLoopDelay({ resolution: 5 });
	histogram.enable();
	const start = process.hrtime.bigint();
	const ready = service.prepare();
	if (!ready) {
		histogram.disable();
		return null;
	}
	const z5 = workload.get(5)?.[0] ?? { z: 5, x: 25, y: 14 };
	const during = await timeOnce(() => service.itemsTile(ANONYMOUS, z5));
	await ready;
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	histogram.disable();
	const bytes = service.pyramidBytes;
	const signedIn = await timeOnce(() => service.prepare(STAFF));
	service.clearCaches();
	return {
		ms,
		signedInMs: signedIn.ms,
		bytes,
		maxStallMs: histogram.max / 1e6,
		duringBuildMs: during.ms
	};
}

// --- the map page's JavaScript ---

export interface PageJs {
	/** Where it was read from. */
	dir: string;
	/** Everything the browser loads before the map starts: entries, layout and the /map page. */
	initialGz: number;
	/** Of that, the chunks only the /map page (not the layout or kit's entries) loads. */
	pageOwnGz: number;
	/** maplibre-gl, loaded on demand in onMount, and its worker. */
	maplibreGz: number;
	workerGz: number;
	cssGz: number;
}

interface ManifestChunk {
	file: string;
	imports?: string[];
	dynamicImports?: string[];
	css?: string[];
	isEntry?: boolean;
	src?: string;
}

/**
 * Reads Vite's client manifest and SvelteKit's server manifest from the last `npm run build`
 * (.svelte-kit/output) and sums gzip sizes of the /map route's static import closure.
 */
export function mapPageJs(root: string): PageJs | null {
	const out = join(root, '.svelte-kit/output');
	const manifestFile = join(out, 'client/.vite/manifest.json');
	const routes = join(out, 'server/manifest-full.js');
	if (!existsSync(manifestFile) || !existsSync(routes)) return null;
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
	const route =
		/id: "\/map",[\s\S]*?page: \{ layouts: \[([^\]]*)\], errors: \[[^\]]*\], leaf: (\d+) \}/.exec(
			readFileSync(routes, 'utf8')
		);
	if (!route) return null;
	const layouts = route[1]
		.split(',')
		.filter((s) => s.trim() !== '')
		.map(Number);
	const nodeKey = (i: number) => `.svelte-kit/generated/client-optimized/nodes/${i}.js`;
	const entries = Object.entries(manifest)
		.filter(([k, c]) => c.isEntry && !k.includes('/nodes/'))
		.map(([k]) => k);
	const closure = (keys: string[]) => {
		const seen = new Set<string>();
		const visit = (k: string) => {
			if (seen.has(k) || !manifest[k]) return;
			seen.add(k);
			for (const i of manifest[k].imports ?? []) visit(i);
		};
		keys.forEach(visit);
		return seen;
	};
	const shared = closure([...entries, ...layouts.map(nodeKey)]);
	const all = closure([...shared, nodeKey(Number(route[2]))]);
	const gz = (file: string) => {
		const path = join(out, 'client', file);
		return existsSync(path) ? gzipSync(readFileSync(path)).length : 0;
	};
	const sum = (keys: Iterable<string>) => {
		let n = 0;
		for (const k of keys) n += gz(manifest[k].file);
		return n;
	};
	const css = new Set([...all].flatMap((k) => manifest[k].css ?? []));
	const find = (re: RegExp) => Object.entries(manifest).find(([k]) => re.test(k))?.[1].file;
	const maplibre = find(/maplibre-gl\.mjs$/);
	const worker = find(/maplibre-gl-worker\.mjs$/);
	return {
		dir: '.svelte-kit/output/client',
		initialGz: sum(all),
		pageOwnGz: sum([...all].filter((k) => !shared.has(k))),
		maplibreGz: maplibre ? gz(maplibre) : 0,
		workerGz: worker ? gz(worker) : 0,
		cssGz: [...css].reduce((n, f) => n + gz(f), 0)
	};
}

// --- report ---

export function renderTiles(r: TileRunResult): string {
	const t = TILE_TARGETS;
	const lines: string[] = [];
	if (r.pyramid) {
		lines.push(
			`Tile pyramid (public scope): built in the background in ` +
				`${(r.pyramid.ms / 1000).toFixed(1)} s, holds ${(r.pyramid.bytes / 1e6).toFixed(0)} MB; ` +
				`longest event-loop stall during the build ${r.pyramid.maxStallMs.toFixed(0)} ms; a z5 ` +
				`tile asked for during the build took ${r.pyramid.duringBuildMs.toFixed(0)} ms (SQL path). ` +
				`The signed-in (staff) pyramid took ${(r.pyramid.signedInMs / 1000).toFixed(1)} s more.`,
			''
		);
	}
	lines.push(
		`Tiles: ${r.samples} tiles per zoom × ${r.passes} passes (median of the passes' p50/p95); ` +
			`uncached = tile cache and item tags dropped before each tile; raw = the engine's bare ` +
			`point tile (≤ ${MAX_TILE_FEATURES} points, no access rule, clustering or tags); ratio = ` +
			`uncached p50 / raw p50. Targets: uncached p95 ≤ ${t.highZoomMs} ms at z12–z16, ≤ ` +
			`${t.lowZoomMs} ms at z3–z11; cached p95 ≤ ${t.cachedMs} ms; no tile over ${kb(t.maxTileBytes)}.`,
		'',
		`| z | tiles (empty) | uncached p50 | uncached p95 | ok? | cached p95 | ok? | raw p50 | ratio | ${r.filter} p95 | signed-in p95 | ok? | max tile | p95 tile | ok? | raw max |`,
		'|--:|--:|--:|--:|:-:|--:|:-:|--:|--:|--:|--:|:-:|--:|--:|:-:|--:|'
	);
	for (const z of r.zooms) {
		const limit = z.z >= 12 ? t.highZoomMs : t.lowZoomMs;
		const mark = (ok: boolean) => (ok ? '✓' : '✗');
		lines.push(
			`| ${z.z} | ${z.tiles} (${z.empty}) | ${ms(z.uncached.p50)} | ${ms(z.uncached.p95)} | ` +
				`${mark(z.uncached.p95 <= limit)} | ${ms(z.cached.p95)} | ${mark(z.cached.p95 <= t.cachedMs)} | ` +
				`${ms(z.raw.p50)} | ${ratio(z.uncached.p50 / z.raw.p50)} | ${ms(z.filtered.p95)} | ` +
				`${ms(z.signedIn.p95)} | ${mark(Math.max(z.filtered.p95, z.signedIn.p95) <= limit)} | ` +
				`${kb(z.maxBytes)} | ${kb(z.p95Bytes)} | ${mark(z.maxBytes <= t.maxTileBytes)} | ${kb(z.rawMaxBytes)} |`
		);
	}
	return lines.join('\n');
}

export function renderPageJs(p: PageJs | null): string {
	if (!p) return 'Map page JS: no client build found (run `npm run build` first).';
	const ok = p.initialGz <= TILE_TARGETS.mapPageJsGzBytes;
	return [
		`Map page JS (gzip, from ${p.dir}):`,
		'',
		'| part | gzip | target | ok? |',
		'|---|--:|---|:-:|',
		`| /map initial JS (kit entries + layout + page), without maplibre | ${kb(p.initialGz)} | ≤ ${kb(TILE_TARGETS.mapPageJsGzBytes)} | ${ok ? '✓' : '✗'} |`,
		`| of which the /map page's own chunks | ${kb(p.pageOwnGz)} | | |`,
		`| CSS of the page | ${kb(p.cssGz)} | | |`,
		`| maplibre-gl (loaded in onMount) | ${kb(p.maplibreGz)} | (none) | |`,
		`| maplibre worker | ${kb(p.workerGz)} | (none) | |`
	].join('\n');
}

function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
}

function ms(v: number): string {
	return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

function ratio(r: number): string {
	return Number.isFinite(r) ? `${r < 1 ? r.toFixed(2) : r.toFixed(1)}×` : '–';
}
