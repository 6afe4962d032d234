/**
 * The whole state of the /map page in its URL, so a shared link (or the back button) restores the
 * view, the search, the filters and the open record. Pure and isomorphic: the server reads the same
 * state for the first paint, the client parses and writes it.
 *
 * Parameters (same names as the API, see docs/architecture.md): `z,lng,lat` (view), `q`,
 * `kind=site,practice`, `ethnicGroup=ba-na,xo-dang`, `province`, `from`/`to` (years, negative =
 * BCE), `textLang`, `collection`, `item` (the open preview) and `area=all` (search and list the
 * whole country instead of the map's view). Bad values are dropped, never an error: a mangled
 * shared link still opens the map.
 */
import { ITEM_KINDS, type BBox, type ItemFilter, type ItemKind } from '../domain/types';
import { parseView, type MapViewState } from './view-url';

export const MIN_YEAR = -10_000;
export const MAX_YEAR = 3_000;
const MAX_Q = 200;
const MAX_CODES = 20;
const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_ID = 2 ** 31 - 1;

export type MapArea = 'view' | 'all';

export interface MapFilters {
	kinds: ItemKind[];
	ethnicGroups: string[];
	province: string | null;
	from: number | null;
	to: number | null;
	textLang: string | null;
	collection: string | null;
}

export interface MapState extends MapFilters {
	view: MapViewState | null;
	q: string;
	item: number | null;
	area: MapArea;
}

export const EMPTY_FILTERS: MapFilters = {
	kinds: [],
	ethnicGroups: [],
	province: null,
	from: null,
	to: null,
	textLang: null,
	collection: null
};

export const EMPTY_STATE: MapState = {
	...EMPTY_FILTERS,
	view: null,
	q: '',
	item: null,
	area: 'view'
};

function codes(raw: string | null, ok: (code: string) => boolean): string[] {
	if (!raw) return [];
	const list = raw
		.split(',')
		.map((c) => c.trim())
		.filter((c) => c !== '' && ok(c));
	return [...new Set(list)].slice(0, MAX_CODES);
}

function year(raw: string | null): number | null {
	if (raw === null || !/^-?\d{1,5}$/.test(raw.trim())) return null;
	const n = Number(raw.trim());
	return n >= MIN_YEAR && n <= MAX_YEAR ? n : null;
}

function text(raw: string | null, max: number): string | null {
	const t = raw?.trim() ?? '';
	return t === '' || t.length > max ? null : t;
}

export function parseMapState(params: URLSearchParams): MapState {
	let from = year(params.get('from'));
	let to = year(params.get('to'));
	if (from !== null && to !== null && from > to) [from, to] = [to, from];
	const itemRaw = params.get('item');
	const item = itemRaw && /^\d{1,10}$/.test(itemRaw) ? Number(itemRaw) : null;
	const lang = text(params.get('textLang'), 20);
	const collection = text(params.get('collection'), 80);
	return {
		view: parseView(params),
		q: (params.get('q') ?? '').trim().slice(0, MAX_Q),
		kinds: codes(params.get('kind'), (c) => (ITEM_KINDS as readonly string[]).includes(c)).sort(
			(a, b) => ITEM_KINDS.indexOf(a as ItemKind) - ITEM_KINDS.indexOf(b as ItemKind)
		) as ItemKind[],
		ethnicGroups: codes(params.get('ethnicGroup'), (c) => CODE.test(c)),
		province: text(params.get('province'), 100),
		from,
		to,
		textLang: lang && LANG_TAG.test(lang) ? lang : null,
		collection: collection && SLUG.test(collection) ? collection : null,
		item: item !== null && item >= 1 && item <= MAX_ID ? item : null,
		area: params.get('area') === 'all' ? 'all' : 'view'
	};
}

/** The filter parameters alone, as the API and the tiles take them (stable order). */
export function filterParams(f: MapFilters): URLSearchParams {
	const p = new URLSearchParams();
	if (f.kinds.length) p.set('kind', f.kinds.join(','));
	if (f.ethnicGroups.length) p.set('ethnicGroup', f.ethnicGroups.join(','));
	if (f.province) p.set('province', f.province);
	if (f.from !== null) p.set('from', String(f.from));
	if (f.to !== null) p.set('to', String(f.to));
	if (f.textLang) p.set('textLang', f.textLang);
	if (f.collection) p.set('collection', f.collection);
	return p;
}

/** The page's query string for a state (view first, as before; empty values left out). */
export function serializeMapState(state: MapState): URLSearchParams {
	const p = new URLSearchParams();
	if (state.view) {
		p.set('z', state.view.zoom.toFixed(2));
		p.set('lng', state.view.lng.toFixed(5));
		p.set('lat', state.view.lat.toFixed(5));
	}
	if (state.q) p.set('q', state.q);
	for (const [key, value] of filterParams(state)) p.set(key, value);
	if (state.area === 'all') p.set('area', 'all');
	if (state.item !== null) p.set('item', String(state.item));
	return p;
}

/** `?…` or '' — what goes after the path. */
export function mapSearch(state: MapState): string {
	const s = serializeMapState(state).toString();
	return s ? `?${s}` : '';
}

export function toItemFilter(f: MapFilters): ItemFilter {
	const filter: ItemFilter = {};
	if (f.kinds.length) filter.kinds = f.kinds;
	if (f.ethnicGroups.length) filter.ethnicGroups = f.ethnicGroups;
	if (f.province) filter.province = f.province;
	if (f.from !== null) filter.fromYear = f.from;
	if (f.to !== null) filter.toYear = f.to;
	if (f.textLang) filter.textLang = f.textLang;
	if (f.collection) filter.collection = f.collection;
	return filter;
}

/** How many filters are set (the badge on the filter button). */
export function activeFilterCount(f: MapFilters): number {
	return (
		f.kinds.length +
		f.ethnicGroups.length +
		(f.province ? 1 : 0) +
		(f.from !== null || f.to !== null ? 1 : 0) +
		(f.textLang ? 1 : 0) +
		(f.collection ? 1 : 0)
	);
}

/** True when the two states ask for the same records (the view and the open card aside). */
export function sameQuery(a: MapState, b: MapState): boolean {
	return (
		a.q === b.q && a.area === b.area && filterParams(a).toString() === filterParams(b).toString()
	);
}

/** A list with `code` added or removed. */
export function toggled<T extends string>(list: readonly T[], code: T): T[] {
	return list.includes(code) ? list.filter((c) => c !== code) : [...list, code];
}

const TILE_SIZE = 512;

/**
 * The box a screen of `width`×`height` CSS pixels shows around a view (Web Mercator, maplibre's
 * 512-px tiles). The server uses it with a typical screen to fill the first list before the map
 * knows its real size; longitudes are clamped (no antimeridian box from a guess).
 */
export function approxBBox(view: MapViewState, width = 800, height = 600): BBox {
	const scale = TILE_SIZE * 2 ** view.zoom;
	const x = ((view.lng + 180) / 360) * scale;
	const sin = Math.sin((view.lat * Math.PI) / 180);
	const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
	const lngAt = (px: number) => (px / scale) * 360 - 180;
	const latAt = (py: number) => {
		const n = Math.PI - (2 * Math.PI * py) / scale;
		return (180 / Math.PI) * Math.atan(Math.sinh(n));
	};
	const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
	return {
		west: clamp(lngAt(x - width / 2), -180, 180),
		east: clamp(lngAt(x + width / 2), -180, 180),
		south: clamp(latAt(y + height / 2), -85, 85),
		north: clamp(latAt(y - height / 2), -85, 85)
	};
}

/** `west,south,east,north` with 5 decimals, as `bbox=` takes it. */
export function bboxParam(b: BBox): string {
	return [b.west, b.south, b.east, b.north].map((v) => v.toFixed(5)).join(',');
}

const wrapLng = (lng: number) => ((((lng + 180) % 360) + 360) % 360) - 180;

/**
 * The map's visible bounds as an API box: longitudes wrapped into [-180, 180] (west > east then
 * means the box crosses the antimeridian), a view wider than the world becomes the whole world.
 */
export function bboxFromBounds(west: number, south: number, east: number, north: number): BBox {
	const lat = (v: number) => Math.min(85, Math.max(-85, v));
	if (east - west >= 360) return { west: -180, south: lat(south), east: 180, north: lat(north) };
	const w = wrapLng(west);
	let e = wrapLng(east);
	if (e === -180 && east > west) e = 180;
	return { west: w, south: lat(south), east: e, north: lat(north) };
}
