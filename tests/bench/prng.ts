/**
 * A small seeded PRNG (mulberry32), so every run and every engine gets the same workload and the
 * numbers of two runs compare like with like.
 */
export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Uniform in [min, max). */
	range(min: number, max: number): number;
	/** Integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(xs: readonly T[]): T;
}

export function createRng(seed: number): Rng {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		range: (min, max) => min + (max - min) * next(),
		int: (min, max) => min + Math.floor((max - min + 1) * next()),
		pick: (xs) => xs[Math.floor(xs.length * next())]
	};
}
