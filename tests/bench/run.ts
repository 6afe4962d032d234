/**
 * `npm run bench`: loads synthetic heritage items into each engine and times the map and search
 * queries through the repositories, next to the raw engine query for the same thing.
 *
 *   BENCH_SIZES=100000,1000000 BENCH_ENGINES=sqlite,postgis npm run bench
 *
 * See tests/bench/README.md for every setting and how to read the tables. Runs under tsx, which
 * does not know SvelteKit's `$lib` alias, so imports are relative.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ANONYMOUS, scopeFor } from '../../src/lib/server/services/access.service';
import { benchConfig, type BenchConfig } from './bench-config';
import { databaseUrl } from '../../src/lib/server/db/postgis/pg-url';
import type { BenchEngine, EngineName, SampleRow } from './engines/bench-engine';
import { openPostgisEngine, probePostgis } from './engines/postgis.bench-engine';
import { openSqliteEngine } from './engines/sqlite.bench-engine';
import { loadSynthetic } from './load';
import { machineInfo, renderMachine, type MachineInfo } from './machine-info';
import { measure, plansFor } from './measure';
import { fmtInt, renderRun, type RunResult } from './report';
import {
	buildTileWorkload,
	mapPageJs,
	measureTiles,
	openPostgisRawTiles,
	openSqliteRawTiles,
	renderPageJs,
	tileBenchConfig,
	type TileRunResult
} from './tiles';
import { buildWorkload, sampleIds } from './workload';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATA_DIR = join(ROOT, 'tests/bench/.data');
const RESULTS_FILE = join(DATA_DIR, 'last-run.json');
/** Items whose rows seed the workload (boxes around their points, words from their titles). */
const WORKLOAD_SAMPLE = 2_000;
const COMMON_WORDS = 3;

const log = (line: string) => console.error(line);

async function postgisReachable(cfg: BenchConfig): Promise<string | null> {
	const first = await probePostgis(cfg.postgisUrl);
	if (!first || cfg.postgisUrlExplicit) return first;
	const script = join(ROOT, 'scripts/postgres-local.sh');
	if (!existsSync(script)) return first;
	log('PostGIS not answering; trying scripts/postgres-local.sh …');
	try {
		await promisify(execFile)('bash', [script], { timeout: 60_000 });
	} catch (e) {
		return `${first}; scripts/postgres-local.sh failed: ${(e as Error).message.split('\n')[0]}`;
	}
	return probePostgis(cfg.postgisUrl);
}

async function openEngine(name: EngineName, size: number, cfg: BenchConfig): Promise<BenchEngine> {
	return name === 'sqlite'
		? openSqliteEngine(join(DATA_DIR, `bench-${size}.sqlite`))
		: openPostgisEngine(cfg.postgisUrl, `bench_${size}`, { reuse: cfg.reuse });
}

async function benchOne(name: EngineName, size: number, cfg: BenchConfig): Promise<RunResult> {
	log(`\n== ${name} · ${fmtInt(size)} items ==`);
	const engine = await openEngine(name, size, cfg);
	try {
		if (engine.reusedItems !== undefined && engine.reusedItems !== size) {
			throw new Error(
				`BENCH_REUSE: the kept database holds ${fmtInt(engine.reusedItems)} items, not ${fmtInt(size)}; run once without BENCH_REUSE to reload it.`
			);
		}
		const load =
			engine.reusedItems === size
				? await reusedLoad(engine, size, cfg)
				: await loadSynthetic(engine, size, cfg, log);
		const maxId = await engine.maxId();
		const rows = await engine.sample(sampleIds(maxId, WORKLOAD_SAMPLE, cfg.seed));
		const workload = buildWorkload(
			rows,
			{ samples: cfg.samples, commonWords: COMMON_WORDS, commonSamples: cfg.commonSamples },
			cfg.seed
		);
		log(
			`  worst-case words: ${[...new Set(workload.commonSearches.map((q) => q.text))].join(', ')}`
		);
		const scope = scopeFor(ANONYMOUS);
		const metrics = [];
		for (const plan of cfg.only === 'tiles' ? [] : plansFor(engine, workload, scope)) {
			metrics.push(await measure(plan, { passes: cfg.passes, warmup: cfg.warmup }, log));
		}
		const tiles = cfg.only === 'queries' ? undefined : await benchTiles(engine, size, rows, cfg);
		return { engine: name, version: engine.version, size, load, metrics, tiles };
	} finally {
		await engine.dispose(cfg.keep || cfg.reuse);
	}
}

/** The tiles section (tests/bench/tiles.ts), with the raw floor on its own connection. */
async function benchTiles(
	engine: BenchEngine,
	size: number,
	rows: SampleRow[],
	cfg: BenchConfig
): Promise<TileRunResult> {
	const tileCfg = tileBenchConfig(process.env, cfg.passes, cfg.seed);
	const points = rows.flatMap((r) => (r.point ? [r.point] : []));
	const raw =
		engine.name === 'sqlite'
			? openSqliteRawTiles(join(DATA_DIR, `bench-${size}.sqlite`))
			: await openPostgisRawTiles(databaseUrl(cfg.postgisUrl, `bench_${size}`));
	try {
		const workload = buildTileWorkload(points, tileCfg.samples, tileCfg.seed);
		return await measureTiles(engine.db, raw, workload, tileCfg, log);
	} finally {
		await raw.close();
	}
}

/** BENCH_REUSE: the kept database already holds `size` items; only refresh its statistics. */
async function reusedLoad(engine: BenchEngine, size: number, cfg: BenchConfig) {
	log(`  reusing the kept database (${fmtInt(size)} items); VACUUM ANALYZE …`);
	const started = performance.now();
	await engine.analyze();
	return {
		items: size,
		batchSize: cfg.batchSize,
		loadSeconds: 0,
		analyzeSeconds: (performance.now() - started) / 1000,
		generateSeconds: 0,
		sizeBytes: await engine.sizeBytes(),
		reused: true
	};
}

function save(
	machine: MachineInfo,
	cfg: BenchConfig,
	results: RunResult[],
	skipped: string[]
): void {
	const { postgisUrl, ...settings } = cfg;
	const safeUrl = postgisUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
	writeFileSync(
		RESULTS_FILE,
		JSON.stringify(
			{ machine, settings: { ...settings, postgisUrl: safeUrl }, skipped, results },
			null,
			'\t'
		)
	);
}

async function main(): Promise<number> {
	process.chdir(ROOT); // the databases find their migrations under db/migrations
	const started = Date.now();
	const cfg = benchConfig(process.env);
	mkdirSync(DATA_DIR, { recursive: true });
	const machine = machineInfo();
	const skipped: string[] = [];
	let engines = cfg.engines;
	if (engines.includes('postgis')) {
		const why = await postgisReachable(cfg);
		if (why) {
			const line = `!!! PostGIS UNREACHABLE at ${cfg.postgisUrl.replace(/:[^:@/]*@/, ':***@')}: ${why}`;
			console.log(
				`\n${'!'.repeat(line.length)}\n${line}\n!!! Benchmarking SQLite only.\n${'!'.repeat(line.length)}\n`
			);
			skipped.push(`postgis: ${why}`);
			engines = engines.filter((e) => e !== 'postgis');
		}
	}
	const results: RunResult[] = [];
	for (const size of cfg.sizes) {
		for (const name of engines) {
			try {
				results.push(await benchOne(name, size, cfg));
				console.log(`\n${renderRun(results[results.length - 1])}`);
			} catch (e) {
				// One engine failing (a server restart, a schema change) should not lose the others.
				const why = e instanceof Error ? e.message : String(e);
				console.log(`\n!!! ${name} · ${fmtInt(size)} items FAILED: ${why}\n`);
				if (e instanceof Error && e.stack) log(e.stack);
				skipped.push(`${name} ${size}: ${why}`);
			}
			save(machine, cfg, results, skipped);
		}
	}
	const versions = [...new Set(results.map((r) => r.version))];
	console.log(`\n## Disan benchmark\n\n${renderMachine(machine, versions)}\n`);
	console.log(
		`Settings: seed ${cfg.seed}, ${cfg.passes} passes × ${cfg.samples} samples per query kind ` +
			`(${cfg.commonSamples} for the worst case) after ${cfg.warmup} warm-up queries; ` +
			`anonymous scope; ratio = repository p50 / raw p50.\n`
	);
	for (const r of results) console.log(`${renderRun(r)}\n`);
	if (cfg.only !== 'queries') console.log(`${renderPageJs(mapPageJs(ROOT))}\n`);
	for (const s of skipped) console.log(`!!! not measured: ${s}`);
	console.log(`Total wall time: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
	console.log(`Results: ${RESULTS_FILE}`);
	return skipped.some((s) => !s.startsWith('postgis:')) ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(err: unknown) => {
		console.error(
			`Benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`
		);
		process.exit(1);
	}
);
