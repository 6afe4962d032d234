import { describe, expect, it } from 'vitest';
import type { LngLat } from '../domain/types';
import { haversineMeters } from '../geo/distance';
import { publicPointFor } from '../geo/generalise';
import { parseView } from '../map/view-url';
import {
	areaRadiusMeters,
	bigMapQuery,
	circlePolygon,
	formatDistance,
	locationView
} from './location-view';

const POINT: LngLat = [108.0186, 14.3545];

describe('locationView', () => {
	it('zooms close with a pin for exact places and wider with an area for generalised ones', () => {
		expect(locationView(POINT, 'exact')).toEqual({
			center: POINT,
			zoom: 14,
			marker: 'pin',
			radiusMeters: null
		});
		const approx = locationView(POINT, 'approximate')!;
		const region = locationView(POINT, 'region')!;
		expect(approx.marker).toBe('area');
		expect(region.marker).toBe('area');
		expect(approx.zoom).toBeLessThan(14);
		expect(region.zoom).toBeLessThan(approx.zoom);
		expect(region.radiusMeters!).toBeGreaterThan(approx.radiusMeters!);
	});

	it('has no view for a hidden or missing location', () => {
		expect(locationView(POINT, 'hidden')).toBeNull();
		expect(locationView(null, 'exact')).toBeNull();
	});

	it("draws a circle that covers the whole grid cell a sensitive site's true point is in", () => {
		for (const precision of ['approximate', 'region'] as const) {
			const truePoint: LngLat = [108.03999, 14.30001];
			const published = publicPointFor(truePoint, precision)!;
			expect(haversineMeters(published, truePoint)).toBeLessThanOrEqual(
				areaRadiusMeters(precision)
			);
		}
	});
});

describe('circlePolygon', () => {
	it('is a closed ring whose vertices lie at the radius', () => {
		const polygon = circlePolygon(POINT, 1500, 32);
		const ring = polygon.coordinates[0] as LngLat[];
		expect(ring).toHaveLength(33);
		expect(ring[0]).toEqual(ring[32]);
		for (const vertex of ring) {
			expect(Math.abs(haversineMeters(POINT, vertex) - 1500)).toBeLessThan(1);
		}
	});
});

describe('bigMapQuery', () => {
	it('is a view the /map page understands, plus the item id', () => {
		const query = bigMapQuery(locationView(POINT, 'exact')!, 42);
		const params = new URLSearchParams(query);
		expect(parseView(params)).toEqual({ zoom: 14, lng: 108.0186, lat: 14.3545 });
		expect(params.get('item')).toBe('42');
	});
});

describe('formatDistance', () => {
	it('uses metres below a kilometre and the locale decimal separator', () => {
		expect(formatDistance(3420, 'vi')).toBe('3,4 km');
		expect(formatDistance(3420, 'en')).toBe('3.4 km');
		expect(formatDistance(42_400, 'vi')).toBe('42 km');
		expect(formatDistance(847, 'vi')).toBe('850 m');
		expect(formatDistance(3, 'en')).toBe('10 m');
		expect(formatDistance(996, 'en')).toBe('1.0 km');
	});
});
