/**
 * The /map page's reads from the JSON API (see the map API contract in docs/architecture.md):
 * URL builders (pure, unit-tested) and small fetch helpers that throw on a non-2xx answer.
 * Every call takes an AbortSignal: a newer request for the same thing cancels the older one.
 */
import type { BBox, FacetCount, ItemFacets, ItemKind, LngLat } from '../domain/types';
import { haversineMeters } from '../geo/distance';
import { bboxParam, filterParams, type MapFilters } from './map-state';

/** One list entry, as `/api/items` returns it (ItemSummaryView; `meters` with `near`). */
export interface MapItem {
	id: number;
	kind: ItemKind;
	title: string;
	titleLang: string | null;
	localized: { title: Record<string, string> };
	publicPoint: LngLat | null;
	province: string | null;
	startYear: number | null;
	endYear: number | null;
	coverUrl: string | null;
	meters?: number;
}

export interface MapItemPage {
	items: MapItem[];
	total: number;
	page: number;
	pageSize: number;
}

export interface FacetLabels {
	kinds: Record<string, string>;
	ethnicGroups: Record<string, string>;
	languages: Record<string, string>;
}

export interface MapFacets extends ItemFacets {
	labels: FacetLabels;
	/** Search text matched more than SEARCH_COUNT_CAP items: counts are of the first that many. */
	capped?: boolean;
}

/** Search and map-box lists count at most this many matches (the server's MAX_LIMIT). */
export const SEARCH_COUNT_CAP = 500;

export interface Suggestion {
	id: number;
	title: string;
	titleLang: string | null;
	kind: ItemKind;
	province: string | null;
	publicPoint: LngLat | null;
}

export interface CollectionOption {
	slug: string;
	title: string;
}

export const LIST_PAGE_SIZE = 100;
export const NEAR_LIMIT = 20;

export interface ItemsQuery {
	filters: MapFilters;
	q?: string;
	bbox?: BBox | null;
	page?: number;
	pageSize?: number;
	lang: string;
}

function base(filters: MapFilters, q: string | undefined, lang: string): URLSearchParams {
	const p = filterParams(filters);
	if (q) p.set('q', q);
	p.set('lang', lang);
	return p;
}

export function itemsUrl(query: ItemsQuery): string {
	const p = base(query.filters, query.q, query.lang);
	if (query.bbox) p.set('bbox', bboxParam(query.bbox));
	p.set('page', String(query.page ?? 1));
	p.set('pageSize', String(query.pageSize ?? LIST_PAGE_SIZE));
	return `/api/items?${p}`;
}

export function facetsUrl(query: Omit<ItemsQuery, 'page' | 'pageSize'>): string {
	const p = base(query.filters, query.q, query.lang);
	if (query.bbox) p.set('bbox', bboxParam(query.bbox));
	return `/api/items/facets?${p}`;
}

export function suggestUrl(q: string, filters: MapFilters, lang: string, limit = 8): string {
	const p = base(filters, undefined, lang);
	p.set('q', q);
	p.set('limit', String(limit));
	return `/api/items/suggest?${p}`;
}

export function nearUrl(at: LngLat, filters: MapFilters, lang: string, limit = NEAR_LIMIT): string {
	const p = base(filters, undefined, lang);
	p.set('near', `${at[0].toFixed(5)},${at[1].toFixed(5)}`);
	p.set('limit', String(limit));
	p.set('pageSize', String(limit));
	return `/api/items?${p}`;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
	const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
	if (!res.ok) throw new Error(`${res.status} ${url}`);
	return (await res.json()) as T;
}

export const fetchItems = (query: ItemsQuery, signal?: AbortSignal) =>
	getJson<MapItemPage>(itemsUrl(query), signal);

export const fetchFacets = (query: Omit<ItemsQuery, 'page' | 'pageSize'>, signal?: AbortSignal) =>
	getJson<MapFacets>(facetsUrl(query), signal);

export async function fetchSuggestions(
	q: string,
	filters: MapFilters,
	lang: string,
	signal?: AbortSignal
): Promise<Suggestion[]> {
	const body = await getJson<{ suggestions: Suggestion[] }>(suggestUrl(q, filters, lang), signal);
	return body.suggestions;
}

/** Nearest records, closest first, each with `meters` (computed here if the server left it out). */
export async function fetchNear(
	at: LngLat,
	filters: MapFilters,
	lang: string,
	signal?: AbortSignal
): Promise<MapItem[]> {
	const body = await getJson<MapItemPage>(nearUrl(at, filters, lang), signal);
	return withDistances(body.items, at);
}

export function withDistances(items: MapItem[], at: LngLat): MapItem[] {
	return items
		.filter((item) => item.publicPoint !== null)
		.map((item) => ({
			...item,
			meters: item.meters ?? haversineMeters(at, item.publicPoint as LngLat)
		}))
		.sort((a, b) => a.meters! - b.meters! || a.id - b.id);
}

export async function fetchCollections(
	lang: string,
	signal?: AbortSignal
): Promise<CollectionOption[]> {
	const body = await getJson<{ collections: CollectionOption[] }>(
		`/api/collections?lang=${encodeURIComponent(lang)}`,
		signal
	);
	return body.collections;
}

/** A facet's count for a code (0 when the facet does not list it). */
export function countOf(list: FacetCount[] | undefined, code: string): number {
	return list?.find((f) => f.code === code)?.count ?? 0;
}

/** "850 m", "1,2 km", "37 km" in the UI language's number format. */
export function formatDistance(meters: number, locale: string): string {
	if (meters < 1000) {
		const m = Math.max(10, Math.round(meters / 10) * 10);
		return `${new Intl.NumberFormat(locale).format(m)} m`;
	}
	const km = meters / 1000;
	const digits = km < 10 ? 1 : 0;
	return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(km)} km`;
}

/** A year as people read it: 1945, "500 TCN" / "500 BCE" (the template comes from i18n). */
export function formatYear(year: number, bceTemplate: (year: string) => string): string {
	return year < 0 ? bceTemplate(String(-year)) : String(year);
}
