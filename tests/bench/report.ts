/** Targets from the issue and the markdown tables the benchmark prints. */
import type { EngineName } from './engines/bench-engine';
import type { MetricKey, MetricResult } from './measure';
import { renderTiles, type TileRunResult } from './tiles';

export interface Target {
	/** p95 must not exceed this. */
	p95Ms: number;
	/** Reported for information: the issue sets no target for this case. */
	informational?: boolean;
}

/** The issue's targets at 1M items; applied at every size (smaller must be no slower). */
export const TARGETS: Record<MetricKey, Target> = {
	bbox_city: { p95Ms: 10 },
	bbox_province: { p95Ms: 10 },
	nearest_10: { p95Ms: 5 },
	search_20: { p95Ms: 50 },
	search_common: { p95Ms: 50, informational: true },
	// Added for the map API (issue #3): the filter panel's counts.
	facets_province: { p95Ms: 300 },
	facets_country: { p95Ms: 300 },
	facets_country_site: { p95Ms: 300 },
	facets_search: { p95Ms: 300 },
	facets_search_common: { p95Ms: 300 }
};

/** 1M items in 60 s on SQLite. */
export const LOAD_TARGET = { items: 1_000_000, seconds: 60 };

export interface LoadResult {
	items: number;
	batchSize: number;
	/** Wall time inside importMany (one transaction; SQLite rebuilds secondary, R*Tree and FTS indexes at the end). */
	loadSeconds: number;
	/** ANALYZE + PRAGMA optimize (SQLite) or VACUUM ANALYZE (PostGIS). */
	analyzeSeconds: number;
	/** Generating the synthetic records, not counted in the load. */
	generateSeconds: number;
	/**
	 * SQLite: seconds inside the import's statements (the engine's floor for this load; the rest
	 * of loadSeconds is JavaScript), and the same by kind of statement.
	 */
	engineSeconds?: number;
	engineParts?: Record<string, number>;
	sizeBytes: number;
	/** The database was kept by an earlier run and reused (BENCH_REUSE): nothing was loaded. */
	reused?: boolean;
}

export interface RunResult {
	engine: EngineName;
	version: string;
	size: number;
	load: LoadResult;
	metrics: MetricResult[];
	/** The tiles section (absent with BENCH_ONLY=queries). */
	tiles?: TileRunResult;
}

export function loadVerdict(r: RunResult): { target: string; ok: boolean | null } {
	if (r.engine !== 'sqlite') return { target: 'none set', ok: null };
	const needRate = LOAD_TARGET.items / LOAD_TARGET.seconds;
	const rate = r.load.items / (r.load.loadSeconds + r.load.analyzeSeconds);
	return {
		target: `1M in ≤ ${LOAD_TARGET.seconds} s (≥ ${fmtInt(needRate)} rows/s)`,
		ok: rate >= needRate
	};
}

export function metricOk(m: MetricResult): boolean {
	return m.repo.p95 <= TARGETS[m.key].p95Ms;
}

export function renderRun(r: RunResult): string {
	const load = r.load;
	const total = load.loadSeconds + load.analyzeSeconds;
	const verdict = loadVerdict(r);
	const lines = [
		`### ${r.engine} · ${fmtInt(r.size)} items · ${r.version}`,
		'',
		load.reused
			? `Load: reused a kept database (BENCH_REUSE=1), not timed; VACUUM ANALYZE ` +
				`${load.analyzeSeconds.toFixed(1)} s · on disk ${fmtMb(load.sizeBytes)}`
			: `Load via importMany (${fmtInt(load.batchSize)}/batch): ${load.loadSeconds.toFixed(1)} s + ` +
				`analyze ${load.analyzeSeconds.toFixed(1)} s = **${total.toFixed(1)} s** ` +
				`(${fmtInt(load.items / total)} rows/s; generating the records took another ` +
				`${load.generateSeconds.toFixed(1)} s, not counted) · on disk ${fmtMb(load.sizeBytes)} · ` +
				(load.engineSeconds === undefined
					? ''
					: `inside SQLite statements ${load.engineSeconds.toFixed(1)} s (the engine floor; ` +
						`import ${ratio(load.loadSeconds / load.engineSeconds)} of it) · `) +
				`target ${verdict.target} ${verdict.ok === null ? '' : verdict.ok ? '✓' : '✗'}`,
		'',
		'| metric | p50 ms | p95 ms | raw p50 ms | ratio | target | ok? | max ms | rows (repo / raw) |',
		'|---|--:|--:|--:|--:|---|:-:|--:|--:|'
	];
	// BENCH_ONLY=tiles: no query table.
	if (r.metrics.length === 0) lines.splice(lines.length - 2, 2);
	for (const m of r.metrics) {
		const t = TARGETS[m.key];
		const ok = metricOk(m) ? '✓' : '✗';
		lines.push(
			`| ${m.label} | ${ms(m.repo.p50)} | ${ms(m.repo.p95)} | ${ms(m.raw.p50)} | ` +
				`${ratio(m.repo.p50 / m.raw.p50)} | p95 ≤ ${t.p95Ms} ms${t.informational ? ' (info)' : ''} | ` +
				`${t.informational ? `(${ok})` : ok} | ${ms(m.repo.max)} | ` +
				`${m.repoRows.toFixed(1)} / ${m.rawRows.toFixed(1)}${m.repoEmpty ? ` (${m.repoEmpty} empty)` : ''} |`
		);
	}
	if (r.tiles) lines.push('', renderTiles(r.tiles));
	return lines.join('\n');
}

function ratio(r: number): string {
	return `${r < 1 ? r.toFixed(2) : r.toFixed(1)}×`;
}

function ms(v: number): string {
	return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

export function fmtInt(n: number): string {
	return Math.round(n).toLocaleString('en-US');
}

function fmtMb(bytes: number): string {
	return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
