import { describe, expect, it } from 'vitest';
import {
	activeFilterCount,
	approxBBox,
	bboxFromBounds,
	EMPTY_STATE,
	filterParams,
	mapSearch,
	parseMapState,
	sameQuery,
	serializeMapState,
	toItemFilter,
	toggled
} from './map-state';

const parse = (query: string) => parseMapState(new URLSearchParams(query));

describe('map state in the URL', () => {
	it('is empty for a bare /map', () => {
		expect(parse('')).toEqual(EMPTY_STATE);
		expect(mapSearch(EMPTY_STATE)).toBe('');
	});

	it('round-trips a full state', () => {
		const query =
			'z=9.50&lng=108.00000&lat=14.35000&q=%C4%91%C3%ACnh+l%C3%A0ng&kind=site%2Cpractice' +
			'&ethnicGroup=ba-na%2Cxo-dang&province=Kon+Tum&from=-500&to=1945&textLang=bdq' +
			'&collection=nha-rong&area=all&item=42';
		const state = parse(query);
		expect(state).toEqual({
			view: { zoom: 9.5, lng: 108, lat: 14.35 },
			q: 'đình làng',
			kinds: ['site', 'practice'],
			ethnicGroups: ['ba-na', 'xo-dang'],
			province: 'Kon Tum',
			from: -500,
			to: 1945,
			textLang: 'bdq',
			collection: 'nha-rong',
			area: 'all',
			item: 42
		});
		expect(serializeMapState(state).toString()).toBe(query);
		expect(parseMapState(serializeMapState(state))).toEqual(state);
	});

	it('drops what it cannot use instead of failing', () => {
		const state = parse(
			'kind=site,bogus,site&ethnicGroup=Bad Code,ba-na&from=abc&to=99999&item=-3&textLang=%3Cx%3E&collection=A B&area=x&z=5'
		);
		expect(state.kinds).toEqual(['site']);
		expect(state.ethnicGroups).toEqual(['ba-na']);
		expect(state.from).toBeNull();
		expect(state.to).toBeNull();
		expect(state.item).toBeNull();
		expect(state.textLang).toBeNull();
		expect(state.collection).toBeNull();
		expect(state.area).toBe('view');
		expect(state.view).toBeNull();
	});

	it('orders kinds canonically and swaps a reversed year range', () => {
		const state = parse('kind=practice,site&from=1945&to=-500');
		expect(state.kinds).toEqual(['site', 'practice']);
		expect([state.from, state.to]).toEqual([-500, 1945]);
	});

	it('gives the API and tiles the filter parameters only', () => {
		const state = parse('z=5&lng=105&lat=16&q=chua&kind=site&from=-200&item=3');
		expect(filterParams(state).toString()).toBe('kind=site&from=-200');
		expect(toItemFilter(state)).toEqual({ kinds: ['site'], fromYear: -200 });
		expect(activeFilterCount(state)).toBe(2);
	});

	it('tells a new query from a mere move or selection', () => {
		const a = parse('z=5&lng=105&lat=16&kind=site');
		expect(sameQuery(a, parse('z=9&lng=100&lat=10&kind=site&item=4'))).toBe(true);
		expect(sameQuery(a, parse('kind=site,event'))).toBe(false);
		expect(sameQuery(a, parse('kind=site&q=x'))).toBe(false);
		expect(sameQuery(a, parse('kind=site&area=all'))).toBe(false);
	});

	it('toggles a code in a list', () => {
		expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
		expect(toggled(['a'], 'c')).toEqual(['a', 'c']);
	});

	it('estimates the box a screen shows around a view', () => {
		const box = approxBBox({ zoom: 0, lng: 0, lat: 0 }, 512, 512);
		expect(box.west).toBeCloseTo(-180, 5);
		expect(box.east).toBeCloseTo(180, 5);
		expect(box.north).toBeCloseTo(85, 0);
		const hn = approxBBox({ zoom: 12, lng: 105.85, lat: 21.03 }, 800, 600);
		expect(hn.west).toBeLessThan(105.85);
		expect(hn.east).toBeGreaterThan(105.85);
		expect(hn.east - hn.west).toBeCloseTo((800 / (512 * 2 ** 12)) * 360, 6);
		expect(hn.south).toBeLessThan(21.03);
		expect(hn.north).toBeGreaterThan(21.03);
	});
});

describe('map bounds as an API box', () => {
	it('wraps longitudes and widens to the world', () => {
		expect(bboxFromBounds(100, 8, 115, 24)).toEqual({ west: 100, south: 8, east: 115, north: 24 });
		expect(bboxFromBounds(170, -10, 190, 10)).toEqual({
			west: 170,
			south: -10,
			east: -170,
			north: 10
		});
		expect(bboxFromBounds(-200, -89, 250, 89)).toEqual({
			west: -180,
			south: -85,
			east: 180,
			north: 85
		});
	});
});
