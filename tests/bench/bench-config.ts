/**
 * The benchmark's settings, from the environment (this is a tool, not the app, so it reads
 * process.env itself rather than the app's config). Bad values fail at once with what to fix.
 */
import type { EngineName } from './engines/bench-engine';

export interface BenchConfig {
	sizes: number[];
	engines: EngineName[];
	postgisUrl: string;
	/** Whether POSTGIS_URL was given (then we never try to start the local cluster). */
	postgisUrlExplicit: boolean;
	seed: number;
	/** Timed samples per pass for each ordinary query kind. */
	samples: number;
	/** Timed samples per pass for the common-word worst case (each query is slow by design). */
	commonSamples: number;
	passes: number;
	warmup: number;
	batchSize: number;
	/** Keep each database after its run (for EXPLAIN); the next run of that size replaces it. */
	keep: boolean;
	/**
	 * PostGIS: time the queries on a database kept by an earlier run (`BENCH_KEEP=1`) when it holds
	 * exactly `size` items, instead of loading it again (migrations still run; then VACUUM ANALYZE).
	 */
	reuse: boolean;
	/** BENCH_ONLY: `tiles` or `queries` runs one section after the load (default: both). */
	only: 'tiles' | 'queries' | null;
}

export const DEFAULT_POSTGIS_URL = 'postgres://disan:disan@127.0.0.1:5432/postgres';

function positiveInts(name: string, text: string): number[] {
	const values = text.split(',').map((s) => s.trim().replace(/_/g, ''));
	const nums = values.map((v) => (/^\d+$/.test(v) ? Number(v) : NaN));
	if (nums.length === 0 || nums.some((n) => !Number.isSafeInteger(n) || n < 1)) {
		throw new Error(
			`${name} must be positive whole numbers separated by commas, e.g. 100000,1000000 (got "${text}").`
		);
	}
	return nums;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const text = env[name];
	return text === undefined || text === '' ? fallback : positiveInts(name, text)[0];
}

export function benchConfig(env: NodeJS.ProcessEnv): BenchConfig {
	const engines = (env.BENCH_ENGINES ?? 'sqlite,postgis').split(',').map((s) => s.trim());
	for (const e of engines) {
		if (e !== 'sqlite' && e !== 'postgis') {
			throw new Error(`BENCH_ENGINES lists "${e}"; use sqlite, postgis or both (sqlite,postgis).`);
		}
	}
	const samples = positiveInt(env, 'BENCH_SAMPLES', 200);
	return {
		sizes: positiveInts('BENCH_SIZES', env.BENCH_SIZES ?? '100000,1000000'),
		engines: engines as EngineName[],
		postgisUrl: env.POSTGIS_URL || DEFAULT_POSTGIS_URL,
		postgisUrlExplicit: Boolean(env.POSTGIS_URL),
		seed: positiveInt(env, 'BENCH_SEED', 20261122),
		samples,
		commonSamples: positiveInt(env, 'BENCH_COMMON_SAMPLES', 60),
		passes: positiveInt(env, 'BENCH_PASSES', 3),
		warmup: positiveInt(env, 'BENCH_WARMUP', 20),
		batchSize: positiveInt(env, 'BENCH_BATCH', 5000),
		keep: env.BENCH_KEEP === '1',
		reuse: env.BENCH_REUSE === '1',
		only: benchOnly(env.BENCH_ONLY)
	};
}

function benchOnly(text: string | undefined): BenchConfig['only'] {
	if (text === undefined || text === '') return null;
	if (text === 'tiles' || text === 'queries') return text;
	throw new Error(`BENCH_ONLY must be tiles or queries (got "${text}").`);
}
