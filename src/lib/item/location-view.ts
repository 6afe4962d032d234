/**
 * How the item page's mini-map shows a location: an exact site gets a pin at street level; a
 * generalised one (approximate, region) gets a wider view and a circle as large as the grid cell
 * its public point was snapped to, so the map never suggests more precision than we publish.
 * Hidden locations have no view at all.
 */
import type { Polygon } from 'geojson';
import type { LngLat, Precision } from '../domain/types';
import { EARTH_RADIUS_M } from '../geo/distance';
import { GENERALISE_STEP } from '../geo/generalise';

export interface LocationView {
	center: LngLat;
	zoom: number;
	/** Draw a pin (exact) or a circle of this radius in metres (approximate, region). */
	marker: 'pin' | 'area';
	radiusMeters: number | null;
}

export const VIEW_ZOOM: Record<Exclude<Precision, 'hidden'>, number> = {
	exact: 14,
	approximate: 12,
	region: 9
};

const METERS_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

/** Half the diagonal of a generalisation cell: the true point is somewhere inside this circle. */
export function areaRadiusMeters(precision: 'approximate' | 'region'): number {
	return Math.round(GENERALISE_STEP[precision] * METERS_PER_DEGREE * Math.SQRT1_2);
}

export function locationView(point: LngLat | null, precision: Precision): LocationView | null {
	if (!point || precision === 'hidden') return null;
	if (precision === 'exact') {
		return { center: point, zoom: VIEW_ZOOM.exact, marker: 'pin', radiusMeters: null };
	}
	return {
		center: point,
		zoom: VIEW_ZOOM[precision],
		marker: 'area',
		radiusMeters: areaRadiusMeters(precision)
	};
}

/** A closed ring approximating a circle on the sphere, for a fill layer. */
export function circlePolygon(center: LngLat, meters: number, steps = 64): Polygon {
	const [lng, lat] = center;
	const rad = Math.PI / 180;
	const angular = meters / EARTH_RADIUS_M;
	const lat1 = lat * rad;
	const lng1 = lng * rad;
	const ring: LngLat[] = [];
	for (let i = 0; i < steps; i++) {
		const bearing = (i / steps) * 2 * Math.PI;
		const lat2 = Math.asin(
			Math.sin(lat1) * Math.cos(angular) + Math.cos(lat1) * Math.sin(angular) * Math.cos(bearing)
		);
		const lng2 =
			lng1 +
			Math.atan2(
				Math.sin(bearing) * Math.sin(angular) * Math.cos(lat1),
				Math.cos(angular) - Math.sin(lat1) * Math.sin(lat2)
			);
		ring.push([round6(lng2 / rad), round6(lat2 / rad)]);
	}
	ring.push(ring[0]);
	return { type: 'Polygon', coordinates: [ring] };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The big map's query (`z`, `lng`, `lat` as `view-url.ts` reads them, plus the item). */
export function bigMapQuery(view: LocationView, itemId: number): string {
	const params = new URLSearchParams({
		z: String(view.zoom),
		lng: view.center[0].toFixed(5),
		lat: view.center[1].toFixed(5),
		item: String(itemId)
	});
	return `?${params}`;
}

/** "850 m", "3,4 km" (vi) / "3.4 km" (en), "42 km". */
export function formatDistance(meters: number, locale: string): string {
	if (meters < 995) {
		const m = Math.max(10, Math.round(meters / 10) * 10);
		return `${new Intl.NumberFormat(locale).format(m)} m`;
	}
	const km = meters / 1000;
	const digits = km < 10 ? 1 : 0;
	const f = new Intl.NumberFormat(locale, {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return `${f.format(km)} km`;
}
