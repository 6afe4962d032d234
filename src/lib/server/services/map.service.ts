/**
 * What the map page asks besides tiles and the item list: facet counts for the filter panel (with
 * labels in the reader's language), search-box suggestions, the items nearest a point, and the
 * collections a reader may filter by. Every read goes through `scopeFor(viewer)`.
 */
import {
	ITEM_KINDS,
	type AccessScope,
	type BBox,
	type ItemFacets,
	type ItemFilter,
	type ItemKind,
	type ItemSummary,
	type LangTag,
	type LngLat,
	type Viewer
} from '../../domain/types';
import { contentLanguageName } from '../../i18n/language-names';
import type { Locale } from '../../i18n/locales';
import { pickLocalized } from '../../i18n/pick-text';
import { translatorFor } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/messages';
import { validateBBox } from '../../geo/bbox';
import {
	MAX_FACET_ROWS,
	MAX_LIMIT,
	type CollectionRepository,
	type FacetSourceRow,
	type ItemRepository,
	type VocabularyRepository
} from '../db/ports';
import { ValidationError } from '../errors';
import { ANONYMOUS, scopeFor } from './access.service';
import { FacetIndex } from './facet-index';
import type { ItemChangeNotifier } from './item-changes';
import { toSummaryView, type ItemListResult, type ItemSummaryView } from './item.service';

export interface MapServiceDeps {
	items: ItemRepository;
	vocabularies: VocabularyRepository;
	collections: CollectionRepository;
	/** Local item writes: the facet index is rebuilt when the generation moves. */
	changes?: ItemChangeNotifier;
	/**
	 * A cheap token that changes when the items readable by a scope change (TileRepository's
	 * itemsStamp), checked at most every FACET_RECHECK_MS so other processes' writes are seen.
	 */
	stamp?: (scope: AccessScope) => Promise<string>;
	/** Count text-less facet queries from in-memory indexes, one per scope (default true). */
	facetIndex?: boolean;
	/** How many scopes keep a facet index (default DEFAULT_MAX_FACET_INDEXES). */
	maxFacetIndexes?: number;
	/**
	 * Count queries with search text over their first MAX_LIMIT search hits (default true); false
	 * sends them to the repository's SQL, which counts every match (seconds at a million items).
	 */
	searchFacets?: boolean;
	now?: () => number;
}

/** Other processes' writes reach the facet index within this long (the stamp check). */
export const FACET_RECHECK_MS = 5_000;
/**
 * Facet indexes kept at once, as tiles keep pyramids: the public one and the two most recent
 * signed-in scopes (all staff share one; members one per set of groups). Each holds about 40
 * bytes an item (~40 MB at a million). The public one is never dropped.
 */
export const DEFAULT_MAX_FACET_INDEXES = 3;
const ANONYMOUS_SCOPE = scopeFor(ANONYMOUS);

interface IndexState {
	generation: number;
	stamp: string | null;
	checkedAt: number;
	index: FacetIndex | null | undefined;
	ready: Promise<FacetIndex | null>;
}

export interface FacetLabels {
	kinds: Record<string, string>;
	ethnicGroups: Record<string, string>;
	languages: Record<string, string>;
}

/**
 * `capped`: present (true) when search text matched more than MAX_LIMIT items, so the counts are
 * of the first MAX_LIMIT hits in search order, as search lists count them ("500+").
 */
export type CountedFacets = ItemFacets & { capped?: true };

export type FacetsView = CountedFacets & { labels: FacetLabels };

/** The filters each facet ignores when it is counted (the disjunctive rule of ItemFacets). */
const OWN_FILTERS = [
	{ facet: 'kinds', keys: ['kinds'] },
	{ facet: 'ethnicGroups', keys: ['ethnicGroups'] },
	{ facet: 'provinces', keys: ['province'] },
	{ facet: 'languages', keys: ['textLang'] },
	{ facet: 'years', keys: ['fromYear', 'toYear'] }
] as const satisfies ReadonlyArray<{
	facet: keyof Omit<ItemFacets, 'total'>;
	keys: ReadonlyArray<keyof ItemFilter>;
}>;

export interface Suggestion {
	id: number;
	slug: string;
	title: string;
	titleLang: LangTag | null;
	kind: ItemKind;
	province: string | null;
	publicPoint: LngLat | null;
}

export interface NearbyResult extends Omit<ItemListResult, 'items'> {
	items: Array<ItemSummaryView & { meters: number }>;
}

export interface CollectionView {
	slug: string;
	title: string;
	titleLang: LangTag | null;
	/** Member items this reader may see. */
	itemCount: number;
}

export interface MapQuery {
	lang: Locale;
	bbox?: BBox;
	q?: string;
	filter?: ItemFilter;
}

export class MapService {
	/** By scopeKey, least recently used first. */
	private readonly indexes = new Map<string, IndexState>();
	/** Completed facet-index builds (for tests and the bench). */
	indexBuilds = 0;

	constructor(private readonly deps: MapServiceDeps) {}

	/** Counts per kind, ethnic group, province, content language and period (see ItemFacets). */
	async facets(viewer: Viewer, opts: MapQuery): Promise<FacetsView> {
		checkYears(opts.filter);
		const scope = scopeFor(viewer);
		const q = opts.q?.trim() || undefined;
		const [facets, kinds, groups] = await Promise.all([
			this.countFacets(scope, { bbox: opts.bbox, q, filter: opts.filter }),
			this.deps.vocabularies.list('item_kind'),
			this.deps.vocabularies.list('ethnic_group')
		]);
		const t = translatorFor(opts.lang);
		const labelOf = (terms: typeof kinds) => {
			const byCode = new Map(terms.map((term) => [term.code, term.label]));
			return (code: string) => pickLocalized(byCode.get(code), [opts.lang])?.text;
		};
		const kindLabel = labelOf(kinds);
		const groupLabel = labelOf(groups);
		const groupCodes = new Set([
			...facets.ethnicGroups.map((c) => c.code),
			...(opts.filter?.ethnicGroups ?? [])
		]);
		const languageCodes = new Set([
			...facets.languages.map((c) => c.code),
			...(opts.filter?.textLang ? [opts.filter.textLang] : [])
		]);
		return {
			...facets,
			labels: {
				kinds: Object.fromEntries(
					ITEM_KINDS.map((code) => [
						code,
						kindLabel(code) ?? t(`kind.${code}` as MessageKey) ?? code
					])
				),
				ethnicGroups: Object.fromEntries(
					[...groupCodes].map((code) => [code, groupLabel(code) ?? code])
				),
				languages: Object.fromEntries(
					[...languageCodes].map((code) => [code, contentLanguageName(code, opts.lang)])
				)
			}
		};
	}

	/**
	 * Queries with search text are counted over their search hits (countHits). Queries without
	 * are counted from the in-memory index of the viewer's scope (one per scope, as tiles keep
	 * pyramids: built on first use and rebuilt after items change; such a query waits for the
	 * build), by the repository when indexes are off or a build fails. Both give the same numbers.
	 */
	private async countFacets(
		scope: AccessScope,
		opts: { bbox?: BBox; q?: string; filter?: ItemFilter }
	): Promise<CountedFacets> {
		if (opts.q !== undefined && this.deps.searchFacets !== false) {
			const counted = await this.countHits(scope, { ...opts, q: opts.q });
			if (counted) return counted;
		}
		if (this.deps.facetIndex !== false && opts.q === undefined) {
			if (opts.bbox) {
				const problem = validateBBox(opts.bbox);
				if (problem) throw new ValidationError(problem);
			}
			// While the index builds, wait for it rather than count in SQL: at a million items that
			// statement takes tens of seconds, and on SQLite it would hold the event loop all along
			// (the build reads in chunks, so other requests go on meanwhile).
			const index = await this.currentIndex(scope).ready;
			if (index) {
				const { collection, ...filter } = opts.filter ?? {};
				const members =
					collection === undefined
						? undefined
						: new Set((await this.deps.collections.getBySlug(collection, scope))?.itemIds ?? []);
				return index.count({ bbox: opts.bbox, filter, members });
			}
		}
		return this.deps.items.facets(scope, opts);
	}

	/**
	 * Facets for a query with search text, from the search hits rather than SQL over every match
	 * (a common word matches most of a million items: seconds of SQL, the whole server held on
	 * SQLite). One search without the facets' own filters, capped at MAX_LIMIT; when it matches
	 * fewer, those hits are every match, and the counts (each facet applying every filter but its
	 * own, in memory) equal the repository's. When it reaches the cap, each facet is counted over
	 * the first MAX_LIMIT hits of its own query (every filter but its own: one more search per
	 * facet filter in use beyond the first, plus one with all of them for `total`), so `total` is the search list's
	 * total, and the result is marked `capped`. Null when the hits do not fit a FacetIndex.
	 */
	private async countHits(
		scope: AccessScope,
		opts: { bbox?: BBox; q: string; filter?: ItemFilter }
	): Promise<CountedFacets | null> {
		const { collection, ...own } = opts.filter ?? {};
		const base: ItemFilter = collection === undefined ? {} : { collection };
		// A box around every point of the scope's built index (the map's first view: the whole
		// country) selects "has a point": searched without the box (on PostGIS a country box makes
		// a search several times slower), hits without a public point are dropped after.
		const index = opts.bbox && this.builtIndex(scope);
		const unboxed = index ? index.covers(opts.bbox!) : false;
		const bbox = unboxed ? undefined : opts.bbox;
		const search = (filter: ItemFilter) =>
			this.deps.items.search(opts.q, scope, { limit: MAX_LIMIT, bbox, filter });
		const count = async (hits: ItemSummary[]) => {
			const kept = unboxed ? hits.filter((h) => h.publicPoint !== null) : hits;
			return (await FacetIndex.fromRows(kept.map(hitRow)))?.count({ filter: own }) ?? null;
		};
		const hits = await search(base);
		const active = OWN_FILTERS.filter((g) => g.keys.some((k) => inUse(own[k])));
		if (hits.length < MAX_LIMIT || active.length === 0) {
			const counted = await count(hits);
			if (!counted) return null;
			return hits.length < MAX_LIMIT ? counted : { ...counted, capped: true };
		}
		const without = (keys: ReadonlyArray<keyof ItemFilter>): ItemFilter => {
			const f: ItemFilter = { ...base, ...own };
			for (const k of keys) delete f[k];
			return f;
		};
		// The same filter is searched once: with one facet filter in use, its facet's query is the
		// first search's.
		const searches = new Map<string, Promise<ItemSummary[]>>([
			[JSON.stringify(base), Promise.resolve(hits)]
		]);
		const once = (filter: ItemFilter) => {
			const key = JSON.stringify(filter);
			if (!searches.has(key)) searches.set(key, search(filter));
			return searches.get(key)!;
		};
		const [all, ...each] = await Promise.all([
			once({ ...base, ...own }),
			...active.map((g) => once(without(g.keys)))
		]);
		const counted = await count(all);
		if (!counted) return null;
		const result: CountedFacets = { ...counted, capped: true };
		for (const [i, g] of active.entries()) {
			const theirs = await count(each[i]);
			if (!theirs) return null;
			Object.assign(result, { [g.facet]: theirs[g.facet] });
		}
		return result;
	}

	/** The scope's index if built and current by the last checks (never waits; public points only). */
	private builtIndex(scope: AccessScope): FacetIndex | null {
		if (this.deps.facetIndex === false || scope.exactLocation) return null;
		const state = this.indexes.get(scopeKey(scope));
		const generation = this.deps.changes?.generation ?? 0;
		return state?.generation === generation ? (state.index ?? null) : null;
	}

	/**
	 * The scope's index state: current (its `ready` resolves at once), or a build just started or
	 * running (its `ready` resolves when done; null when the data does not fit or the build
	 * failed). Checks the other processes' stamp at most every FACET_RECHECK_MS.
	 */
	private currentIndex(scope: AccessScope): IndexState {
		const now = (this.deps.now ?? Date.now)();
		const generation = this.deps.changes?.generation ?? 0;
		const key = scopeKey(scope);
		let state = this.indexes.get(key);
		if (state) {
			// Most recently used last (a Map iterates in insertion order).
			this.indexes.delete(key);
			this.indexes.set(key, state);
		}
		if (state && state.generation !== generation) state = undefined;
		if (state?.index && this.deps.stamp && now - state.checkedAt >= FACET_RECHECK_MS) {
			state.checkedAt = now;
			const current = state;
			// The check runs inside `ready`, so every caller waits for its answer.
			current.ready = this.deps.stamp(scope).then(
				(stamp) => (stamp === current.stamp ? current.index! : this.startBuild(key, scope).ready),
				() => current.index!
			);
			return current;
		}
		return state ?? this.startBuild(key, scope);
	}

	private startBuild(key: string, scope: AccessScope): IndexState {
		const generation = this.deps.changes?.generation ?? 0;
		const state: IndexState = {
			generation,
			stamp: null,
			checkedAt: (this.deps.now ?? Date.now)(),
			index: undefined,
			ready: Promise.resolve(null)
		};
		this.indexes.delete(key);
		this.indexes.set(key, state);
		const max = Math.max(1, this.deps.maxFacetIndexes ?? DEFAULT_MAX_FACET_INDEXES);
		for (const old of this.indexes.keys()) {
			if (this.indexes.size <= max) break;
			if (old !== key && old !== ANONYMOUS_KEY) this.indexes.delete(old);
		}
		state.ready = (async () => {
			try {
				// The stamp is read before the rows, so a write during the build forces a rebuild.
				state.stamp = this.deps.stamp ? await this.deps.stamp(scope) : null;
				const index = await FacetIndex.build(this.pages(scope));
				if (
					this.indexes.get(key) === state &&
					(this.deps.changes?.generation ?? 0) === generation
				) {
					state.index = index;
					this.indexBuilds += 1;
				}
				return index;
			} catch (err) {
				// A failed build is retried on a later request; SQL answers meanwhile.
				if (this.indexes.get(key) === state) this.indexes.delete(key);
				console.error('[facets] building the facet index failed:', err);
				return null;
			}
		})();
		return state;
	}

	private async *pages(scope: AccessScope): AsyncIterable<FacetSourceRow[]> {
		let afterId = 0;
		for (;;) {
			const page = await this.deps.items.facetRows(scope, { afterId, limit: MAX_FACET_ROWS });
			if (page.length === 0) return;
			yield page;
			afterId = page[page.length - 1].id;
			if (page.length < MAX_FACET_ROWS) return;
		}
	}

	/**
	 * Waits for the facet index for `scope`, starting a build if none runs; false when indexes are
	 * off or the data does not fit one. For tests, the bench and warm-up at start.
	 */
	async facetIndexReady(scope: AccessScope = ANONYMOUS_SCOPE): Promise<boolean> {
		if (this.deps.facetIndex === false) return false;
		return (await this.currentIndex(scope).ready) !== null;
	}

	/** Scopes holding a facet index or building one (for tests and health pages). */
	get facetIndexCount(): number {
		return this.indexes.size;
	}

	/**
	 * Titles for the search box while typing: best first (exact diacritics, then how well the
	 * title answers, as search ranks). Blank text → none.
	 */
	async suggest(
		viewer: Viewer,
		opts: MapQuery & { limit: number }
	): Promise<{ suggestions: Suggestion[] }> {
		checkYears(opts.filter);
		const q = opts.q?.trim() ?? '';
		if (q.length < 1) return { suggestions: [] };
		const found = await this.deps.items.search(q, scopeFor(viewer), {
			limit: opts.limit,
			bbox: opts.bbox,
			filter: opts.filter
		});
		return {
			suggestions: found.map((s) => {
				const title = pickLocalized(s.title, [opts.lang]);
				return {
					id: s.id,
					slug: s.slug,
					title: title?.text ?? '',
					titleLang: title?.lang ?? null,
					kind: s.kind,
					province: s.province,
					publicPoint: s.publicPoint
				};
			})
		};
	}

	/** The `limit` items nearest `point` (public points for the public), each with `meters`. */
	async near(
		viewer: Viewer,
		opts: { point: LngLat; limit: number; maxKm?: number; lang: Locale; filter?: ItemFilter }
	): Promise<NearbyResult> {
		checkYears(opts.filter);
		const found = await this.deps.items.nearest(opts.point, scopeFor(viewer), {
			limit: opts.limit,
			maxMeters: opts.maxKm === undefined ? undefined : opts.maxKm * 1000,
			filter: opts.filter
		});
		return {
			items: found.map((s) => ({ ...toSummaryView(s, opts.lang), meters: s.meters })),
			total: found.length,
			page: 1,
			pageSize: opts.limit
		};
	}

	/** Collections this reader may filter by, in their catalogue order, titles in `lang`. */
	async collections(viewer: Viewer, lang: Locale): Promise<{ collections: CollectionView[] }> {
		const list = await this.deps.collections.list(scopeFor(viewer));
		return {
			collections: list.map((c) => {
				const title = pickLocalized(c.title, [lang]);
				return {
					slug: c.slug,
					title: title?.text ?? c.slug,
					titleLang: title?.lang ?? null,
					itemCount: c.itemCount
				};
			})
		};
	}
}

function checkYears(filter: ItemFilter | undefined): void {
	if (
		filter?.fromYear !== undefined &&
		filter.toYear !== undefined &&
		filter.fromYear > filter.toYear
	) {
		throw new ValidationError(
			`from (${filter.fromYear}) must not be later than to (${filter.toYear}); negative years are BCE`
		);
	}
}

const inUse = (v: unknown) => v !== undefined && !(Array.isArray(v) && v.length === 0);

/** A search hit as the facet index reads it; the point is not needed (search applied the box). */
function hitRow(s: ItemSummary): FacetSourceRow {
	return {
		id: s.id,
		lng: null,
		lat: null,
		kind: s.kind,
		province: s.province,
		spanStart: s.startYear ?? s.endYear,
		spanEnd: s.endYear ?? s.startYear,
		ethnicGroups: s.ethnicGroups,
		// Summaries hold the non-empty titles only: their languages are the title languages.
		titleLangs: Object.keys(s.title).filter((lang) => s.title[lang] !== '')
	};
}

const sorted = (xs: readonly string[]) => JSON.stringify([...xs].sort());

/** Equal for scopes that read the same rows (an index is built for one). */
function scopeKey(s: AccessScope): string {
	return [
		sorted(s.statuses),
		sorted(s.visibilities),
		s.groups === 'all' ? 'all' : sorted(s.groups),
		s.exactLocation
	].join('|');
}
const ANONYMOUS_KEY = scopeKey(ANONYMOUS_SCOPE);
