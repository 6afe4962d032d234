/**
 * Times each query kind through the repository and through the raw engine, in the same run, on
 * the same inputs. Each pass warms up first; passes alternate which side goes first, so neither
 * always gets the cache the other just filled.
 */
import type { AccessScope, BBox, ItemFilter } from '../../src/lib/domain/types';
import { ANONYMOUS } from '../../src/lib/server/services/access.service';
import { MapService } from '../../src/lib/server/services/map.service';
import type { BenchEngine } from './engines/bench-engine';
import { combinePasses, summarise, timeOnce, type Summary } from './stats';
import type { Workload } from './workload';

export type MetricKey =
	| 'bbox_city'
	| 'bbox_province'
	| 'nearest_10'
	| 'search_20'
	| 'search_common'
	| 'facets_province'
	| 'facets_country'
	| 'facets_country_site'
	| 'facets_search'
	| 'facets_search_common';

export interface MetricResult {
	key: MetricKey;
	label: string;
	repo: Summary;
	raw: Summary;
	/** Mean rows returned per query, to show what was asked (e.g. boxes really hold ≤ 200). */
	repoRows: number;
	rawRows: number;
	/** Queries (of the repository's) that returned nothing. */
	repoEmpty: number;
}

interface MetricPlan {
	key: MetricKey;
	label: string;
	count: number;
	/** Fewer raw samples where the raw query takes seconds (the SQL facet floor at 1M). */
	rawCount?: number;
	repo(i: number): Promise<number>;
	raw(i: number): Promise<number>;
}

/** Raw samples per pass for the SQL facet floor: each takes 1–6 s at 1M items. */
const RAW_FACET_SAMPLES = 5;

export const BBOX_LIMIT = 200;
export const NEAREST_K = 10;
export const SEARCH_LIMIT = 20;

export function plansFor(engine: BenchEngine, w: Workload, scope: AccessScope): MetricPlan[] {
	const items = engine.db.items;
	return [
		{
			key: 'bbox_city',
			label: `bbox city ~0.05–0.1° (limit ${BBOX_LIMIT})`,
			count: w.cityBoxes.length,
			repo: async (i) =>
				(await items.findInBBox(w.cityBoxes[i], scope, { limit: BBOX_LIMIT })).length,
			raw: (i) => engine.raw.bbox(w.cityBoxes[i], BBOX_LIMIT)
		},
		{
			key: 'bbox_province',
			label: `bbox province ~1°×1° (limit ${BBOX_LIMIT})`,
			count: w.provinceBoxes.length,
			repo: async (i) =>
				(await items.findInBBox(w.provinceBoxes[i], scope, { limit: BBOX_LIMIT })).length,
			raw: (i) => engine.raw.bbox(w.provinceBoxes[i], BBOX_LIMIT)
		},
		{
			key: 'nearest_10',
			label: `nearest-${NEAREST_K}`,
			count: w.nearPoints.length,
			repo: async (i) => (await items.nearest(w.nearPoints[i], scope, { limit: NEAREST_K })).length,
			raw: (i) => engine.raw.nearest(w.nearPoints[i], NEAREST_K)
		},
		{
			key: 'search_20',
			label: `search top-${SEARCH_LIMIT} (1–3 words)`,
			count: w.searches.length,
			repo: async (i) =>
				(await items.search(w.searches[i].text, scope, { limit: SEARCH_LIMIT })).length,
			raw: (i) => engine.raw.search(w.searches[i].tokens, SEARCH_LIMIT)
		},
		{
			key: 'search_common',
			label: `search top-${SEARCH_LIMIT}, most common word (worst case)`,
			count: w.commonSearches.length,
			repo: async (i) =>
				(await items.search(w.commonSearches[i].text, scope, { limit: SEARCH_LIMIT })).length,
			raw: (i) => engine.raw.search(w.commonSearches[i].tokens, SEARCH_LIMIT)
		},
		...facetPlans(engine, w, scope)
	];
}

/** The map's initial view: mainland Viet Nam and its near-shore islands. */
export const VIETNAM_BOX: BBox = { west: 102, south: 8, east: 110, north: 23.5 };
const FACET_SAMPLES = 40;

/**
 * Facets as GET /api/items/facets serves them to a visitor (MapService.facets, no filter: the
 * in-memory facet index, built before the first timed query), in a province box and the whole
 * country. The SQL path (ItemRepository.facets) takes seconds at 1M items and has its own run,
 * tests/bench/facets-run.ts. Every box is nudged by a different 1e-9° so nothing is a repeat.
 * With search text (the search workload's queries and the most common words, whole country) the
 * service counts the first 500 search hits; the raw floor is the engine's bare top-500 search.
 */
function facetPlans(engine: BenchEngine, w: Workload, scope: AccessScope): MetricPlan[] {
	const map = new MapService({
		items: engine.db.items,
		vocabularies: engine.db.vocabularies,
		collections: engine.db.collections
	});
	let ready: Promise<boolean> | undefined;
	let calls = 0;
	const fresh = (b: BBox): BBox => {
		const d = ++calls * 1e-9;
		return { west: b.west - d, south: b.south - d, east: b.east + d, north: b.north + d };
	};
	const raw = (box: BBox) => (engine.raw.facets ? engine.raw.facets(box) : Promise.resolve(0));
	const total = async (box: BBox, filter?: ItemFilter, q?: string) => {
		ready ??= map.facetIndexReady(scope);
		await ready;
		return (await map.facets(ANONYMOUS, { lang: 'vi', bbox: box, filter, q })).total;
	};
	const provinces = w.provinceBoxes.slice(0, FACET_SAMPLES);
	return [
		{
			key: 'facets_province',
			label: 'facets, province ~1°×1° (facet index)',
			count: provinces.length,
			repo: (i) => total(fresh(provinces[i])),
			rawCount: RAW_FACET_SAMPLES,
			raw: (i) => raw(provinces[i])
		},
		{
			key: 'facets_country',
			label: 'facets, whole Viet Nam (facet index)',
			count: FACET_SAMPLES,
			repo: () => total(fresh(VIETNAM_BOX)),
			rawCount: RAW_FACET_SAMPLES,
			raw: () => raw(VIETNAM_BOX)
		},
		{
			// The unfiltered country view is kept per index; a filter makes it scan every item.
			key: 'facets_country_site',
			label: 'facets, whole Viet Nam, kind=site (facet index, full scan)',
			count: FACET_SAMPLES,
			repo: () => total(fresh(VIETNAM_BOX), { kinds: ['site'] }),
			rawCount: RAW_FACET_SAMPLES,
			raw: () => raw(VIETNAM_BOX)
		},
		{
			key: 'facets_search',
			label: 'facets, whole Viet Nam, search text 1–3 words (search hits)',
			count: Math.min(FACET_SAMPLES, w.searches.length),
			repo: (i) => total(fresh(VIETNAM_BOX), undefined, w.searches[i].text),
			raw: (i) => engine.raw.search(w.searches[i].tokens, 500)
		},
		{
			key: 'facets_search_common',
			label: 'facets, whole Viet Nam, most common word (search hits, capped)',
			count: Math.min(FACET_SAMPLES, w.commonSearches.length),
			repo: (i) => total(fresh(VIETNAM_BOX), undefined, w.commonSearches[i].text),
			raw: (i) => engine.raw.search(w.commonSearches[i].tokens, 500)
		}
	];
}

async function timeAll(
	count: number,
	run: (i: number) => Promise<number>
): Promise<{ ms: number[]; rows: number[] }> {
	const ms: number[] = [];
	const rows: number[] = [];
	for (let i = 0; i < count; i++) {
		const t = await timeOnce(() => run(i));
		ms.push(t.ms);
		rows.push(t.value);
	}
	return { ms, rows };
}

export async function measure(
	plan: MetricPlan,
	opts: { passes: number; warmup: number },
	log: (line: string) => void
): Promise<MetricResult> {
	const repoPasses: Summary[] = [];
	const rawPasses: Summary[] = [];
	let repoRows: number[] = [];
	let rawRows: number[] = [];
	for (let pass = 0; pass < opts.passes; pass++) {
		const warm = Math.min(opts.warmup, plan.count);
		const rawCount = Math.min(plan.rawCount ?? plan.count, plan.count);
		// A slow raw floor gets one warm-up query, not the repository's full warm-up.
		const rawWarm = plan.rawCount === undefined ? warm : 1;
		for (let i = 0; i < warm; i++) {
			await plan.repo(i);
			if (i < rawWarm) await plan.raw(i);
		}
		const sides = [
			async () => {
				const r = await timeAll(plan.count, plan.repo);
				repoPasses.push(summarise(r.ms));
				repoRows = r.rows;
			},
			async () => {
				const r = await timeAll(rawCount, plan.raw);
				rawPasses.push(summarise(r.ms));
				rawRows = r.rows;
			}
		];
		if (pass % 2 === 1) sides.reverse();
		for (const side of sides) await side();
		const last = (xs: Summary[]) => xs[xs.length - 1];
		log(
			`    ${plan.key} pass ${pass + 1}/${opts.passes}: repo p50 ${last(repoPasses).p50.toFixed(2)} ms` +
				` p95 ${last(repoPasses).p95.toFixed(2)} ms · raw p50 ${last(rawPasses).p50.toFixed(2)} ms`
		);
	}
	return {
		key: plan.key,
		label: plan.label,
		repo: combinePasses(repoPasses),
		raw: combinePasses(rawPasses),
		repoRows: mean(repoRows),
		rawRows: mean(rawRows),
		repoEmpty: repoRows.filter((n) => n === 0).length
	};
}

function mean(xs: number[]): number {
	return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}
