/**
 * The /map page's list and facet counts: they follow the URL state and the visible box, debounced,
 * a newer request aborting the older. Pages after the first are appended (duplicates dropped).
 */
import type { BBox } from '../domain/types';
import {
	fetchFacets,
	fetchItems,
	LIST_PAGE_SIZE,
	type ItemsQuery,
	type MapFacets,
	type MapItem
} from './map-api';
import { filterParams, type MapState } from './map-state';

export const LIST_DEBOUNCE_MS = 250;
export const FACETS_DEBOUNCE_MS = 400;

export type ResultsQuery = Omit<ItemsQuery, 'page' | 'pageSize'>;

/** What identifies a list: a change means the list must load again from page 1. */
export function resultsKey(state: MapState, bbox: BBox | null, locale: string): string {
	return JSON.stringify([
		state.q,
		state.area,
		filterParams(state).toString(),
		state.area === 'view' ? bbox : null,
		locale
	]);
}

/** The API query for a state (the box only when the list follows the map). */
export function resultsQuery(state: MapState, bbox: BBox | null, lang: string): ResultsQuery {
	return {
		filters: state,
		q: state.q || undefined,
		bbox: state.area === 'view' ? bbox : null,
		lang
	};
}

export interface ResultsSource {
	/** The query as it stands now (read when a debounced load fires). */
	query(): ResultsQuery;
	/** Its key (see resultsKey), to drop facets that arrive for an older query. */
	key(): string;
	/** A first page arrived and replaced the list. */
	onFirstPage?(items: MapItem[]): void;
}

export interface ResultsApi {
	fetchItems: typeof fetchItems;
	fetchFacets: typeof fetchFacets;
}

export class MapResultsLoader {
	items = $state<MapItem[]>([]);
	/** Records matching (all pages; search and box queries are capped by the server). */
	total = $state(0);
	busy = $state(false);
	failed = $state(false);
	facets = $state<MapFacets | null>(null);

	readonly #source: ResultsSource;
	readonly #api: ResultsApi;
	#nextPage = 2;
	#loadedKey: string;
	#listController: AbortController | undefined;
	#listTimer: ReturnType<typeof setTimeout> | undefined;
	#facetsController: AbortController | undefined;
	#facetsTimer: ReturnType<typeof setTimeout> | undefined;

	/** `initial`: the server's first page and the key it was loaded for. */
	constructor(
		source: ResultsSource,
		initial: { items: MapItem[]; total: number; key: string },
		api: ResultsApi = { fetchItems, fetchFacets }
	) {
		this.#source = source;
		this.#api = api;
		this.items = initial.items;
		this.total = initial.total;
		this.#loadedKey = initial.key;
	}

	/** The query (`key`) may have changed: reload the list if so, and the facet counts. */
	follow(key: string) {
		if (key !== this.#loadedKey) {
			clearTimeout(this.#listTimer);
			this.#listTimer = setTimeout(() => this.load(key), LIST_DEBOUNCE_MS);
		}
		clearTimeout(this.#facetsTimer);
		this.#facetsTimer = setTimeout(() => this.#loadFacets(key), FACETS_DEBOUNCE_MS);
	}

	/** Loads a page of the current query now (page 1 replaces the list). */
	async load(key: string, page = 1) {
		this.#listController?.abort();
		const c = new AbortController();
		this.#listController = c;
		this.busy = true;
		this.failed = false;
		try {
			const res = await this.#api.fetchItems(
				{ ...this.#source.query(), page, pageSize: LIST_PAGE_SIZE },
				c.signal
			);
			if (c.signal.aborted) return;
			if (page === 1) {
				this.items = res.items;
				this.#source.onFirstPage?.(this.items);
			} else {
				// A throwaway lookup, not state.
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				const seen = new Set(this.items.map((i) => i.id));
				this.items = [...this.items, ...res.items.filter((i) => !seen.has(i.id))];
			}
			this.total = res.total;
			this.#nextPage = page + 1;
			this.#loadedKey = key;
		} catch (err) {
			if (!c.signal.aborted) {
				console.warn('[map] list failed', err);
				this.failed = true;
			}
		} finally {
			if (this.#listController === c) this.busy = false;
		}
	}

	/** The reader neared the end of the list: the next page, unless busy or all are here. */
	more() {
		if (this.busy || this.items.length >= this.total) return;
		void this.load(this.#loadedKey, this.#nextPage);
	}

	async #loadFacets(key: string) {
		this.#facetsController?.abort();
		const c = new AbortController();
		this.#facetsController = c;
		try {
			const next = await this.#api.fetchFacets(this.#source.query(), c.signal);
			if (!c.signal.aborted && key === this.#source.key()) this.facets = next;
		} catch (err) {
			if (!c.signal.aborted) console.warn('[map] facets unavailable', err);
		}
	}

	/** The page is leaving: nothing more loads. */
	dispose() {
		this.#listController?.abort();
		this.#facetsController?.abort();
		clearTimeout(this.#listTimer);
		clearTimeout(this.#facetsTimer);
	}
}
