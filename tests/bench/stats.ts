/** Latency summaries. Times are recorded in nanoseconds (hrtime) and reported in milliseconds. */

export interface Summary {
	samples: number;
	p50: number;
	p95: number;
	max: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarise(millis: readonly number[]): Summary {
	const sorted = [...millis].sort((a, b) => a - b);
	return {
		samples: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		max: sorted.length ? sorted[sorted.length - 1] : NaN
	};
}

export function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	if (s.length === 0) return NaN;
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The machine is shared, so one pass can be spoiled by a neighbour: each query set runs several
 * times and the report takes the median of the passes' p50s and p95s (and the worst max).
 */
export function combinePasses(passes: readonly Summary[]): Summary {
	return {
		samples: passes.reduce((n, p) => n + p.samples, 0),
		p50: median(passes.map((p) => p.p50)),
		p95: median(passes.map((p) => p.p95)),
		max: Math.max(...passes.map((p) => p.max))
	};
}

/** Wall time of one call in milliseconds, with hrtime's nanosecond clock. */
export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
	const start = process.hrtime.bigint();
	const value = await fn();
	const ms = Number(process.hrtime.bigint() - start) / 1e6;
	return { ms, value };
}
