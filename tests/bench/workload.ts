/**
 * The queries the benchmark times, built from rows of the loaded data with a seeded PRNG, so they
 * hit like real ones (boxes around real sites, words from real titles) and repeat exactly across
 * runs and engines.
 */
import type { BBox, LngLat } from '../../src/lib/domain/types';
import { searchTokens, vnFold } from '../../src/lib/text/fold';
import type { SampleRow } from './engines/bench-engine';
import { createRng, type Rng } from './prng';

export interface SearchQuery {
	/** What a person types (folded, or with its diacritics). */
	text: string;
	/** The folded words the raw floor matches: the app's own searchTokens(text). */
	tokens: string[];
}

export interface Workload {
	cityBoxes: BBox[];
	provinceBoxes: BBox[];
	nearPoints: LngLat[];
	searches: SearchQuery[];
	/** The collection's most common words alone: the worst case for ranking. */
	commonSearches: SearchQuery[];
}

export interface WorkloadSizes {
	/** Samples per pass for the ordinary query kinds (≥ 200). */
	samples: number;
	/** How many of the most common words make the worst-case set, and samples per pass for it. */
	commonWords: number;
	commonSamples: number;
}

/** Ids to sample the workload from: spread over the whole id range, same for every engine. */
export function sampleIds(maxId: number, count: number, seed: number): number[] {
	const rng = createRng(seed);
	const ids = new Set<number>();
	const want = Math.min(count, maxId);
	while (ids.size < want) ids.add(rng.int(1, maxId));
	return [...ids].sort((a, b) => a - b);
}

export function buildWorkload(rows: SampleRow[], sizes: WorkloadSizes, seed: number): Workload {
	const rng = createRng(seed ^ 0x5eed);
	const points = uniquePoints(rows);
	if (points.length === 0)
		throw new Error('The loaded data has no public points to build boxes around.');
	const texts = rows.filter((r) => r.title.trim().length > 0);
	if (texts.length === 0)
		throw new Error('The loaded data has no titles to build search queries from.');
	const n = sizes.samples;
	const commonWords = mostCommonWords(rows, sizes.commonWords);
	return {
		// City: a 0.05–0.1° box (5–11 km) centred on a real site.
		cityBoxes: times(n, () => boxAround(rng.pick(points), rng.range(0.025, 0.05))),
		// Province: about 1° × 1°.
		provinceBoxes: times(n, () => boxAround(rng.pick(points), 0.5)),
		// Near the data: a real site moved by up to ~5 km, so the nearest is rarely the site itself.
		nearPoints: times(n, () => {
			const [lng, lat] = rng.pick(points);
			return [
				clamp(lng + rng.range(-0.05, 0.05), -180, 180),
				clamp(lat + rng.range(-0.05, 0.05), -90, 90)
			];
		}),
		searches: times(n, () => searchFromTitle(rng, rng.pick(texts).title)),
		commonSearches: commonWords.flatMap((w) =>
			times(Math.ceil(sizes.commonSamples / Math.max(1, commonWords.length)), () => ({
				text: w,
				tokens: [w]
			}))
		)
	};
}

/**
 * 1–3 consecutive words of a title. Three in four are typed folded ("le hoi"), one in four with
 * the title's diacritics ("Lễ hội"); one in four stops part-way through the last word, as a
 * person typing into a search box does (the last word is a prefix).
 */
function searchFromTitle(rng: Rng, title: string): SearchQuery {
	const words = title.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
	const count = Math.min(words.length, rng.int(1, 3));
	const start = rng.int(0, words.length - count);
	const picked = words.slice(start, start + count);
	const last = picked.length - 1;
	if (rng.next() < 0.25 && picked[last].length > 4) {
		picked[last] = picked[last].slice(0, rng.int(3, picked[last].length - 1));
	}
	const withMarks = rng.next() < 0.25;
	const text = withMarks ? picked.join(' ') : vnFold(picked.join(' '));
	return { text, tokens: searchTokens(text) };
}

/** Words in the most texts (document frequency over the sample), two letters or more. */
export function mostCommonWords(rows: SampleRow[], count: number): string[] {
	const df = new Map<string, number>();
	for (const r of rows) {
		for (const w of new Set(searchTokens(r.fold)))
			if (w.length >= 2) df.set(w, (df.get(w) ?? 0) + 1);
	}
	return [...df]
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.slice(0, count)
		.map(([w]) => w);
}

function uniquePoints(rows: SampleRow[]): LngLat[] {
	const seen = new Set<number>();
	const out: LngLat[] = [];
	for (const r of rows) {
		if (!r.point || seen.has(r.id)) continue;
		seen.add(r.id);
		out.push(r.point);
	}
	return out;
}

function boxAround([lng, lat]: LngLat, half: number): BBox {
	return {
		west: clamp(lng - half, -180, 180),
		south: clamp(lat - half, -90, 90),
		east: clamp(lng + half, -180, 180),
		north: clamp(lat + half, -90, 90)
	};
}

function clamp(v: number, lo: number, hi: number): number {
	return Math.min(hi, Math.max(lo, v));
}

function times<T>(n: number, make: () => T): T[] {
	return Array.from({ length: n }, make);
}
