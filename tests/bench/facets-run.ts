/**
 * Facet counts at scale, on their own (the same rows also run inside `npm run bench`):
 *
 *   npx tsx tests/bench/facets-run.ts                       # 100k and 1M, SQLite and PostGIS
 *   FACETS_SIZES=100000 FACETS_ENGINES=sqlite npx tsx tests/bench/facets-run.ts
 *
 * Databases of its own (`tests/bench/.data/facets-<size>.sqlite`, PostGIS `bench_facets_<size>`),
 * kept between runs and reused when they hold exactly `size` items, so the slow 1M load happens
 * once and never collides with the main bench's databases. FACETS_LOAD_ONLY=1 only loads.
 *
 * Rows, anonymous scope, no filter: a ~1°×1° province box and the whole of Viet Nam through
 * ItemRepository.facets (SQL; every box nudged by 1e-9° so SQLite's result cache never answers),
 * the same through MapService.facets (the in-memory facet index once built), and the raw floor
 * (one GROUP BY kind over the box, no access check).
 *
 * Staff from their own facet index (built on first use; the SQL answer is compared once;
 * FACETS_STAFF=0 skips). With search text (MapService counts those over the search hits, capped at 500): the most common
 * title word and a rare query (a whole title, matched by 5–300 items), over the whole country, through SQL and
 * through MapService.facets; the rare query's two answers must agree exactly. FACETS_Q=0 skips.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BBox, ItemFilter } from '../../src/lib/domain/types';
import { createSqliteDatabase } from '../../src/lib/server/db/sqlite/create-sqlite-database';
import { ANONYMOUS, scopeFor } from '../../src/lib/server/services/access.service';
import { ItemChangeNotifier } from '../../src/lib/server/services/item-changes';
import { MapService } from '../../src/lib/server/services/map.service';
import BetterSqlite3 from 'better-sqlite3';
import { benchConfig } from './bench-config';
import type { BenchEngine } from './engines/bench-engine';
import { openPostgisEngine, probePostgis } from './engines/postgis.bench-engine';
import { loadSynthetic } from './load';
import { VIETNAM_BOX } from './measure';
import { createRng } from './prng';
import { searchTokens } from '../../src/lib/text/fold';
import { summarise, timeOnce } from './stats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_DIR = join(ROOT, 'tests/bench/.data');
const log = (line: string) => console.error(line);
const scope = scopeFor(ANONYMOUS);

interface Engine {
	name: string;
	db: BenchEngine['db'];
	raw(box: BBox): Promise<number>;
	close(): Promise<void>;
}

async function sqliteEngine(size: number): Promise<Engine> {
	const path = join(DATA_DIR, `facets-${size}.sqlite`);
	const db = await createSqliteDatabase(path);
	const have = await db.items.count(scopeFor({ kind: 'staff', userId: 0 }));
	if (have !== size) {
		if (have > 0) await db.truncateAll();
		log(`sqlite: loading ${size} items into ${path} …`);
		const load = await loadSynthetic(
			{ db, analyze: async () => undefined, sizeBytes: async () => 0 } as unknown as BenchEngine,
			size,
			{ batchSize: 5000, seed: benchConfig(process.env).seed },
			log
		);
		log(`sqlite: loaded in ${load.loadSeconds.toFixed(1)} s`);
	}
	const raw = new BetterSqlite3(path, { fileMustExist: true });
	raw.exec('ANALYZE');
	const stmt = raw.prepare<[number, number, number, number], { n: number }>(
		`SELECT kind, count(*) AS n FROM items
		WHERE public_lng BETWEEN ? AND ? AND public_lat BETWEEN ? AND ? GROUP BY kind`
	);
	return {
		name: 'sqlite',
		db,
		raw: async (b) => stmt.all(b.west, b.east, b.south, b.north).reduce((s, r) => s + r.n, 0),
		async close() {
			raw.close();
			await db.close();
		}
	};
}

async function postgisEngine(size: number): Promise<Engine> {
	const cfg = benchConfig(process.env);
	const engine = await openPostgisEngine(cfg.postgisUrl, `bench_facets_${size}`, { reuse: true });
	if (engine.reusedItems !== size) {
		if ((engine.reusedItems ?? 0) > 0) await engine.db.truncateAll();
		log(`postgis: loading ${size} items …`);
		const load = await loadSynthetic(engine, size, cfg, log);
		log(`postgis: loaded in ${load.loadSeconds.toFixed(1)} s`);
	} else {
		await engine.analyze();
	}
	return {
		name: 'postgis',
		db: engine.db,
		raw: (b) => engine.raw.facets!(b),
		close: () => engine.dispose(true)
	};
}

/** ~1°×1° boxes around real public points, as the main bench's province boxes. */
async function provinceBoxes(engine: Engine, n: number): Promise<BBox[]> {
	const rng = createRng(20261122);
	const found = await engine.db.items.findInBBox(VIETNAM_BOX, scope, { limit: 500 });
	const points = found.flatMap((s) => (s.publicPoint ? [s.publicPoint] : []));
	return Array.from({ length: n }, () => {
		const [lng, lat] = rng.pick(points);
		return { west: lng - 0.5, south: lat - 0.5, east: lng + 0.5, north: lat + 0.5 };
	});
}

/**
 * The most common title word of a sample, and a rare query: the synthetic titles share a small
 * vocabulary (every single word is in ≥ 1,000 items at 100k), so the rare one is a whole sample
 * title, the first (in a fixed order) that between 5 and 300 readable items match.
 */
async function searchWords(engine: Engine): Promise<{ common: string; rare: string | null }> {
	const found = await engine.db.items.findInBBox(VIETNAM_BOX, scope, { limit: 500 });
	const df = new Map<string, number>();
	for (const s of found) {
		for (const w of new Set(searchTokens(Object.values(s.title).join(' ')))) {
			if (w.length >= 3) df.set(w, (df.get(w) ?? 0) + 1);
		}
	}
	const byCount = [...df].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	for (const s of found.slice(0, 40)) {
		const title = searchTokens(Object.values(s.title)[0] ?? '').join(' ');
		if (title === '') continue;
		const n = (await engine.db.items.facets(scope, { q: title })).total;
		if (n >= 5 && n <= 300) return { common: byCount[0][0], rare: title };
	}
	return { common: byCount[0][0], rare: null };
}

async function time(n: number, run: (i: number) => Promise<unknown>) {
	const ms: number[] = [];
	for (let i = 0; i < n; i++) ms.push((await timeOnce(() => run(i))).ms);
	return summarise(ms);
}

async function benchFacets(engine: Engine, size: number): Promise<string[]> {
	let calls = 0;
	const fresh = (b: BBox): BBox => {
		const d = ++calls * 1e-9;
		return { west: b.west - d, south: b.south - d, east: b.east + d, north: b.north + d };
	};
	const boxes = await provinceBoxes(engine, 30);
	const map = new MapService({
		items: engine.db.items,
		vocabularies: engine.db.vocabularies,
		collections: engine.db.collections,
		changes: new ItemChangeNotifier()
	});
	const indexStarted = performance.now();
	await map.facetIndexReady(scope);
	const indexSeconds = (performance.now() - indexStarted) / 1000;
	const repo = (b: BBox) => engine.db.items.facets(scope, { bbox: b });
	const service = (b: BBox) => map.facets(ANONYMOUS, { lang: 'vi', bbox: b });
	// Same answers from both paths, or the timing means nothing.
	const [a, b] = [await repo(VIETNAM_BOX), await service(VIETNAM_BOX)];
	if (JSON.stringify({ ...b, labels: undefined }) !== JSON.stringify({ ...a, labels: undefined })) {
		throw new Error(`${engine.name}: the facet index and SQL disagree on the country box`);
	}
	// The SQL rows take seconds each at 1M items: fewer samples (FACETS_SQL_SAMPLES).
	// FACETS_INDEX_ONLY=1 skips the SQL rows and floors (quick reruns of the index rows).
	const sqlN =
		process.env.FACETS_INDEX_ONLY === '1'
			? 0
			: Number(process.env.FACETS_SQL_SAMPLES ?? (size >= 1_000_000 ? 5 : 20));
	const sqlBoxes = boxes.slice(0, sqlN);
	const countryN = sqlN === 0 ? 0 : Math.max(3, Math.min(10, sqlN));
	const rows: Array<[string, ReturnType<typeof summarise>]> = [
		['province, SQL (uncached)', await time(sqlBoxes.length, (i) => repo(fresh(sqlBoxes[i])))],
		['province, facet index', await time(boxes.length, (i) => service(fresh(boxes[i])))],
		['province, raw floor', await time(sqlBoxes.length, (i) => engine.raw(sqlBoxes[i]))],
		['whole Viet Nam, SQL (uncached)', await time(countryN, () => repo(fresh(VIETNAM_BOX)))],
		['whole Viet Nam, SQL (repeated)', await time(countryN, () => repo(VIETNAM_BOX))],
		['whole Viet Nam, facet index', await time(30, () => service(fresh(VIETNAM_BOX)))],
		[
			'whole Viet Nam, kind=site, facet index (full scan)',
			await time(30, () =>
				map.facets(ANONYMOUS, { lang: 'vi', bbox: fresh(VIETNAM_BOX), filter: { kinds: ['site'] } })
			)
		],
		['whole Viet Nam, raw floor', await time(countryN, () => engine.raw(VIETNAM_BOX))]
	];
	if (process.env.FACETS_STAFF !== '0') {
		// Staff (every status, true points) from their own index, built on their first query.
		const staff = { kind: 'staff', userId: 1 } as const;
		const started = performance.now();
		await map.facetIndexReady(scopeFor(staff));
		const seconds = (performance.now() - started) / 1000;
		const [a, b] = [
			await engine.db.items.facets(scopeFor(staff), { bbox: VIETNAM_BOX }),
			await map.facets(staff, { lang: 'vi', bbox: VIETNAM_BOX })
		];
		if (
			JSON.stringify({ ...b, labels: undefined }) !== JSON.stringify({ ...a, labels: undefined })
		) {
			throw new Error(`${engine.name}: staff's facet index and SQL disagree on the country box`);
		}
		rows.push([
			`whole Viet Nam, staff, staff's facet index (built in ${seconds.toFixed(1)} s)`,
			await time(30, () => map.facets(staff, { lang: 'vi', bbox: fresh(VIETNAM_BOX) }))
		]);
	}
	if (process.env.FACETS_Q !== '0') {
		const { common, rare } = await searchWords(engine);
		const sqlQ = (q: string, filter?: ItemFilter) =>
			engine.db.items.facets(scope, { q, bbox: fresh(VIETNAM_BOX), filter });
		const hits = (q: string, filter?: ItemFilter) =>
			map.facets(ANONYMOUS, { lang: 'vi', q, bbox: fresh(VIETNAM_BOX), filter });
		const first = await hits(common);
		log(`${engine.name}: q common "${common}" → total ${first.total}, capped ${first.capped}`);
		const qN = sqlN === 0 ? 0 : Math.max(3, Math.min(10, sqlN));
		rows.push(
			[`q "${common}" (common), SQL (uncached)`, await time(qN, () => sqlQ(common))],
			[
				`q "${common}" (common), search hits${first.capped ? ', capped' : ''}`,
				await time(30, () => hits(common))
			],
			[
				`q "${common}" + kind=site, search hits (2 searches)`,
				await time(30, () => hits(common, { kinds: ['site'] }))
			]
		);
		if (rare) {
			const [a, b] = [await sqlQ(rare), await hits(rare)];
			const { labels: _labels, ...counted } = b;
			if (JSON.stringify(counted) !== JSON.stringify(a)) {
				throw new Error(`${engine.name}: search-hit facets and SQL disagree for q "${rare}"`);
			}
			rows.push(
				[`q "${rare}" (rare, ${a.total} items), SQL (uncached)`, await time(qN, () => sqlQ(rare))],
				[`q "${rare}" (rare), search hits`, await time(30, () => hits(rare))]
			);
		} else log(`${engine.name}: no title with 5–300 matches found`);
	}
	return [
		`### facets · ${engine.name} · ${size.toLocaleString('en-US')} items (index built in ${indexSeconds.toFixed(1)} s; country total ${a.total})`,
		'',
		'| query | p50 ms | p95 ms | max ms | target p95 | ok? |',
		'|---|--:|--:|--:|--:|:-:|',
		...rows
			.filter(([, s]) => s.samples > 0)
			.map(
				([label, s]) =>
					`| ${label} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${label.includes('raw') ? '' : '300'} | ${label.includes('raw') ? '' : s.p95 <= 300 ? '✓' : '✗'} |`
			),
		''
	];
}

async function main() {
	process.chdir(ROOT);
	mkdirSync(DATA_DIR, { recursive: true });
	const sizes = (process.env.FACETS_SIZES ?? '100000,1000000').split(',').map(Number);
	let engines = (process.env.FACETS_ENGINES ?? 'sqlite,postgis').split(',');
	if (engines.includes('postgis')) {
		const why = await probePostgis(benchConfig(process.env).postgisUrl);
		if (why) {
			console.log(`!!! PostGIS unreachable (${why}): SQLite only`);
			engines = engines.filter((e) => e !== 'postgis');
		}
	}
	const out: string[] = [];
	for (const size of sizes) {
		for (const name of engines) {
			const engine = name === 'sqlite' ? await sqliteEngine(size) : await postgisEngine(size);
			try {
				if (process.env.FACETS_LOAD_ONLY !== '1') {
					const lines = await benchFacets(engine, size);
					console.log(lines.join('\n'));
					out.push(...lines);
				}
			} finally {
				await engine.close();
			}
		}
	}
	if (out.length) console.log(`\n${out.join('\n')}`);
	void existsSync;
}

main().then(
	() => process.exit(0),
	(e: unknown) => {
		console.error(e instanceof Error ? (e.stack ?? e.message) : e);
		process.exit(1);
	}
);
