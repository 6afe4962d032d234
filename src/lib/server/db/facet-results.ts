/**
 * Turning the grouped rows both dialects' facet queries return into ItemFacets: ordering, and the
 * year buckets of the timeline. Pure, so the two dialects agree by construction.
 *
 * Years come as two histograms over the matching items' spans [start ?? end, end ?? start]: how
 * many spans start in each year and how many end in each year. A span overlaps the bucket
 * [from, to] iff it starts by `to` and does not end before `from`, and every span that ends before
 * `from` also starts before it, so count = starts(≤ to) − ends(< from): exact for any bucket size,
 * from two short lists of (year, count) rather than one row per item.
 */
import type { FacetCount, ItemFacets, YearBucket } from '$lib/domain/types';

/** Bucket sizes in years, smallest first; the smallest that gives at most MAX_BUCKETS wins. */
export const BUCKET_SIZES = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;
export const MAX_BUCKETS = 40;

/** The answer when nothing can match (e.g. search text with no searchable word). */
export function emptyFacets(): ItemFacets {
	return {
		total: 0,
		kinds: [],
		ethnicGroups: [],
		provinces: [],
		languages: [],
		years: { min: null, max: null, buckets: [] }
	};
}

export interface YearHistogram {
	/** Count of spans per start year. */
	starts: Array<{ year: number; count: number }>;
	/** Count of spans per end year. */
	ends: Array<{ year: number; count: number }>;
}

/** Count descending, then code ascending (by code points, as both engines' `C` order would). */
export function ordered(counts: Iterable<{ code: string; count: number }>): FacetCount[] {
	return [...counts]
		.filter((c) => c.count > 0)
		.map((c) => ({ code: c.code, count: Number(c.count) }))
		.sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

const floorTo = (year: number, size: number) => Math.floor(year / size) * size;

/** The smallest bucket size in BUCKET_SIZES that covers [min, max] in at most MAX_BUCKETS. */
export function bucketSize(min: number, max: number): number {
	for (const size of BUCKET_SIZES) {
		if ((floorTo(max, size) - floorTo(min, size)) / size + 1 <= MAX_BUCKETS) return size;
	}
	return BUCKET_SIZES[BUCKET_SIZES.length - 1];
}

/**
 * The timeline: contiguous buckets of one size aligned to multiples of it (e.g. 1900–1924), from
 * the one holding the earliest start to the one holding the latest end; empty ones included.
 */
export function yearFacet({ starts, ends }: YearHistogram): ItemFacets['years'] {
	if (starts.length === 0 || ends.length === 0) return { min: null, max: null, buckets: [] };
	const min = Math.min(...starts.map((s) => s.year));
	const max = Math.max(...ends.map((e) => e.year));
	const size = bucketSize(min, max);
	const first = floorTo(min, size);
	const n = (floorTo(max, size) - first) / size + 1;
	const startedBy = new Array<number>(n).fill(0);
	const endedBefore = new Array<number>(n).fill(0);
	for (const s of starts) startedBy[(floorTo(s.year, size) - first) / size] += Number(s.count);
	// A span ending in bucket k ends before bucket k + 1 starts.
	for (const e of ends) {
		const k = (floorTo(e.year, size) - first) / size + 1;
		if (k < n) endedBefore[k] += Number(e.count);
	}
	const buckets: YearBucket[] = [];
	let started = 0;
	let ended = 0;
	for (let k = 0; k < n; k++) {
		started += startedBy[k];
		ended += endedBefore[k];
		const from = first + k * size;
		buckets.push({ from, to: from + size - 1, count: started - ended });
	}
	return { min, max, buckets };
}

/** A facet row as both dialects' queries return it: which facet, the code or year, the count. */
export interface FacetRow {
	f: 't' | 'k' | 'e' | 'p' | 'l' | 's' | 'x';
	code: string | number | null;
	n: number | string;
}

/** Assembles ItemFacets from the union of grouped rows (see item-facets in each dialect). */
export function facetsFromRows(rows: FacetRow[]): ItemFacets {
	const of = (f: FacetRow['f']) =>
		rows
			.filter((r) => r.f === f && r.code !== null)
			.map((r) => ({ code: String(r.code), count: Number(r.n) }));
	const years = (f: FacetRow['f']) =>
		rows
			.filter((r) => r.f === f && r.code !== null)
			.map((r) => ({ year: Number(r.code), count: Number(r.n) }));
	return {
		total: Number(rows.find((r) => r.f === 't')?.n ?? 0),
		kinds: ordered(of('k')),
		ethnicGroups: ordered(of('e')),
		provinces: ordered(of('p')),
		languages: ordered(of('l')),
		years: yearFacet({ starts: years('s'), ends: years('x') })
	};
}
