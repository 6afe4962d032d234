import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BBox } from '../domain/types';
import type { ItemsQuery, MapFacets, MapItem, MapItemPage } from './map-api';
import {
	FACETS_DEBOUNCE_MS,
	LIST_DEBOUNCE_MS,
	MapResultsLoader,
	resultsKey,
	resultsQuery,
	type ResultsQuery
} from './map-results.svelte';
import { EMPTY_STATE, type MapState } from './map-state';
import { fetchItemPreview } from './item-preview';
import { pointsBounds, resultsGeoJson } from './results-layer';

const box: BBox = { west: 105, south: 20, east: 106, north: 21 };

const item = (id: number, point: [number, number] | null = [105.5, 20.5]): MapItem => ({
	id,
	kind: 'site',
	title: `#${id}`,
	titleLang: 'vi',
	localized: { title: {} },
	publicPoint: point,
	province: null,
	startYear: null,
	endYear: null,
	coverUrl: null
});

describe('resultsKey / resultsQuery', () => {
	it('follows the box only while the list follows the map', () => {
		const inView: MapState = { ...EMPTY_STATE, q: 'đình' };
		const all: MapState = { ...inView, area: 'all' };
		expect(resultsKey(inView, box, 'vi')).not.toBe(resultsKey(inView, null, 'vi'));
		expect(resultsKey(all, box, 'vi')).toBe(resultsKey(all, null, 'vi'));
		expect(resultsKey(all, null, 'vi')).not.toBe(resultsKey(all, null, 'en'));
		expect(resultsKey({ ...all, kinds: ['site'] }, null, 'vi')).not.toBe(
			resultsKey(all, null, 'vi')
		);
		// The view and the open card do not change the list.
		expect(resultsKey({ ...all, item: 3, view: { zoom: 5, lng: 1, lat: 2 } }, null, 'vi')).toBe(
			resultsKey(all, null, 'vi')
		);
		expect(resultsQuery(inView, box, 'vi')).toMatchObject({ q: 'đình', bbox: box, lang: 'vi' });
		expect(resultsQuery({ ...EMPTY_STATE, area: 'all' }, box, 'en')).toMatchObject({
			q: undefined,
			bbox: null
		});
	});
});

describe('MapResultsLoader', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.spyOn(console, 'warn').mockImplementation(() => {});
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.restoreAllMocks();
	});

	/** A fake API that answers when told to (`pages` per call), recording what it was asked. */
	function setup(pages: (MapItemPage | Error)[], facets: MapFacets[] = []) {
		const asked: { query: ItemsQuery; signal?: AbortSignal }[] = [];
		const facetsAsked: ResultsQuery[] = [];
		let key = 'k1';
		let query: ResultsQuery = { filters: EMPTY_STATE, lang: 'vi' };
		const firstPages: MapItem[][] = [];
		const loader = new MapResultsLoader(
			{ query: () => query, key: () => key, onFirstPage: (items) => firstPages.push(items) },
			{ items: [item(1)], total: 1, key: 'k0' },
			{
				fetchItems: async (q, signal) => {
					asked.push({ query: q, signal });
					const next = pages.shift();
					if (!next || next instanceof Error) throw next ?? new Error('no page');
					return next;
				},
				fetchFacets: async (q) => {
					facetsAsked.push(q);
					return facets.shift()!;
				}
			}
		);
		return {
			loader,
			asked,
			facetsAsked,
			firstPages,
			setKey: (k: string) => (key = k),
			setQuery: (q: ResultsQuery) => (query = q)
		};
	}

	it('keeps the server list for its own key, loads a new one after the debounce', async () => {
		const t = setup([{ items: [item(2), item(3)], total: 250, page: 1, pageSize: 100 }]);
		t.loader.follow('k0');
		await vi.advanceTimersByTimeAsync(LIST_DEBOUNCE_MS);
		expect(t.asked).toHaveLength(0);

		t.loader.follow('k1');
		t.loader.follow('k1');
		await vi.advanceTimersByTimeAsync(LIST_DEBOUNCE_MS - 1);
		expect(t.asked).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(t.asked).toHaveLength(1);
		expect(t.asked[0].query).toMatchObject({ page: 1, pageSize: 100, lang: 'vi' });
		expect(t.loader.items.map((i) => i.id)).toEqual([2, 3]);
		expect(t.loader).toMatchObject({ total: 250, busy: false, failed: false });
		expect(t.firstPages).toHaveLength(1);

		// Loaded: the same key does not load again.
		t.loader.follow('k1');
		await vi.advanceTimersByTimeAsync(LIST_DEBOUNCE_MS);
		expect(t.asked).toHaveLength(1);
	});

	it('appends the next page without duplicates, and stops at the total', async () => {
		const t = setup([
			{ items: [item(1), item(2)], total: 3, page: 1, pageSize: 100 },
			{ items: [item(2), item(3)], total: 3, page: 2, pageSize: 100 }
		]);
		await t.loader.load('k1');
		t.loader.more();
		await vi.advanceTimersByTimeAsync(0);
		expect(t.asked.map((a) => a.query.page)).toEqual([1, 2]);
		expect(t.loader.items.map((i) => i.id)).toEqual([1, 2, 3]);
		expect(t.firstPages).toHaveLength(1);
		t.loader.more();
		expect(t.asked).toHaveLength(2);
	});

	it('a newer load aborts the older; a failure offers a retry', async () => {
		const t = setup([new Error('500')]);
		const first = t.loader.load('k1');
		void t.loader.load('k1');
		expect(t.asked[0].signal?.aborted).toBe(true);
		await first;
		await vi.advanceTimersByTimeAsync(0);
		expect(t.loader).toMatchObject({ failed: true, busy: false });
		expect(t.loader.items.map((i) => i.id)).toEqual([1]);
	});

	it('keeps facet counts only for the query still shown', async () => {
		const a = { labels: {} } as MapFacets;
		const b = { labels: {}, capped: true } as MapFacets;
		const t = setup([], [a, b]);
		t.loader.follow('k0');
		await vi.advanceTimersByTimeAsync(FACETS_DEBOUNCE_MS);
		// Asked for k0, but the page already shows k1: dropped.
		expect(t.facetsAsked).toHaveLength(1);
		expect(t.loader.facets).toBeNull();
		t.setKey('k0');
		t.loader.follow('k0');
		await vi.advanceTimersByTimeAsync(FACETS_DEBOUNCE_MS);
		expect(t.loader.facets).toBe(b);
	});

	it('loads nothing after dispose', async () => {
		const t = setup([{ items: [], total: 0, page: 1, pageSize: 100 }]);
		t.loader.follow('k2');
		t.loader.dispose();
		await vi.advanceTimersByTimeAsync(FACETS_DEBOUNCE_MS);
		expect(t.asked).toHaveLength(0);
		expect(t.facetsAsked).toHaveLength(0);
	});
});

describe('results layer', () => {
	it('draws the records that have a public point', () => {
		const fc = resultsGeoJson([item(1, [105, 20]), item(2, null)]);
		expect(fc.features).toEqual([
			{
				type: 'Feature',
				id: 1,
				geometry: { type: 'Point', coordinates: [105, 20] },
				properties: { id: 1, kind: 'site' }
			}
		]);
	});

	it('bounds all points', () => {
		expect(pointsBounds([])).toBeNull();
		expect(
			pointsBounds([
				[105, 21],
				[108, 11],
				[106, 16]
			])
		).toEqual([
			[105, 11],
			[108, 21]
		]);
	});
});

describe('fetchItemPreview', () => {
	it('builds the card from GET /api/items/{id}, null when unavailable', async () => {
		const urls: string[] = [];
		const ok = (async (url: string) => {
			urls.push(url);
			return new Response(
				JSON.stringify({
					id: 9,
					kind: 'site',
					title: { vi: 'Đình', en: 'Hall' },
					media: [{ kind: 'image', url: '/media/4' }]
				})
			);
		}) as typeof fetch;
		expect(await fetchItemPreview(9, 'en', ok)).toEqual({
			id: 9,
			kind: 'site',
			titleVi: 'Đình',
			titleEn: 'Hall',
			cover: '/media/4'
		});
		expect(urls).toEqual(['/api/items/9?lang=en']);
		const missing = (async () => new Response('{}', { status: 404 })) as typeof fetch;
		expect(await fetchItemPreview(9, 'vi', missing)).toBeNull();
		const offline = (async () => {
			throw new TypeError('offline');
		}) as typeof fetch;
		expect(await fetchItemPreview(9, 'vi', offline)).toBeNull();
	});
});
