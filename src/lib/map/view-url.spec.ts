import { describe, expect, it } from 'vitest';
import { parseView, withView } from './view-url';

describe('map view in the URL', () => {
	it('round-trips a view', () => {
		const url = withView(new URL('http://x/map?lang=en'), { zoom: 7.123, lng: 105.85, lat: 21.03 });
		expect(url.search).toBe('?lang=en&z=7.12&lng=105.85000&lat=21.03000');
		expect(parseView(url.searchParams)).toEqual({ zoom: 7.12, lng: 105.85, lat: 21.03 });
	});

	it.each([
		'z=5&lng=105',
		'z=abc&lng=1&lat=2',
		'z=30&lng=1&lat=2',
		'z=5&lng=200&lat=2',
		'z=5&lng=1&lat=-90',
		'z=&lng=1&lat=2'
	])('ignores an incomplete or impossible view: %s', (query) => {
		expect(parseView(new URLSearchParams(query))).toBeNull();
	});
});
