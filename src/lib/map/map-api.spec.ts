import { describe, expect, it } from 'vitest';
import {
	facetsUrl,
	formatDistance,
	formatYear,
	itemsUrl,
	nearUrl,
	suggestUrl,
	withDistances,
	type MapItem
} from './map-api';
import { EMPTY_FILTERS, parseMapState } from './map-state';

const filters = parseMapState(new URLSearchParams('kind=site&ethnicGroup=ba-na&from=-500'));

describe('map API addresses', () => {
	it('lists records in a box with the filters', () => {
		const url = itemsUrl({
			filters,
			q: 'đình',
			bbox: { west: 102, south: 8, east: 110, north: 23.5 },
			lang: 'en'
		});
		expect(url).toBe(
			'/api/items?kind=site&ethnicGroup=ba-na&from=-500&q=%C4%91%C3%ACnh&lang=en' +
				'&bbox=102.00000%2C8.00000%2C110.00000%2C23.50000&page=1&pageSize=100'
		);
	});

	it('asks for facets, suggestions and the nearest records with the same filters', () => {
		expect(facetsUrl({ filters: EMPTY_FILTERS, lang: 'vi' })).toBe('/api/items/facets?lang=vi');
		expect(suggestUrl('dinh l', filters, 'vi')).toBe(
			'/api/items/suggest?kind=site&ethnicGroup=ba-na&from=-500&lang=vi&q=dinh+l&limit=8'
		);
		expect(nearUrl([108.0186, 14.3545], EMPTY_FILTERS, 'vi')).toBe(
			'/api/items?lang=vi&near=108.01860%2C14.35450&limit=20&pageSize=20'
		);
	});
});

describe('near me', () => {
	const item = (id: number, point: [number, number] | null, meters?: number): MapItem => ({
		id,
		kind: 'site',
		title: `#${id}`,
		titleLang: 'vi',
		localized: { title: { vi: `#${id}` } },
		publicPoint: point,
		province: null,
		startYear: null,
		endYear: null,
		coverUrl: null,
		meters
	});

	it('sorts by distance, computing it when the server did not', () => {
		const at: [number, number] = [108, 14];
		const sorted = withDistances([item(1, [108.1, 14]), item(2, [108.01, 14]), item(3, null)], at);
		expect(sorted.map((i) => i.id)).toEqual([2, 1]);
		expect(sorted[0].meters).toBeGreaterThan(1000);
		expect(sorted[0].meters).toBeLessThan(1100);
		expect(withDistances([item(4, [0, 0], 5)], at)[0].meters).toBe(5);
	});

	it('formats distances the local way', () => {
		expect(formatDistance(1234, 'vi')).toBe('1,2 km');
		expect(formatDistance(1234, 'en')).toBe('1.2 km');
		expect(formatDistance(843, 'vi')).toBe('840 m');
		expect(formatDistance(3, 'en')).toBe('10 m');
		expect(formatDistance(37_400, 'vi')).toBe('37 km');
	});

	it('writes BCE years with the UI template', () => {
		expect(formatYear(-500, (y) => `${y} TCN`)).toBe('500 TCN');
		expect(formatYear(1945, (y) => `${y} TCN`)).toBe('1945');
	});
});
