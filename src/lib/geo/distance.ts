import type { BBox, LngLat } from '$lib/domain/types';

/** Earth radius for haversine; both engines compute distances with it (in SQL or JS), so they agree to the metre. */
export const EARTH_RADIUS_M = 6_370_986;

/** Great-circle distance in metres (haversine). */
export function haversineMeters([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
	const rad = Math.PI / 180;
	const dLat = (lat2 - lat1) * rad;
	const dLng = (lng2 - lng1) * rad;
	const a =
		Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The box around `center` that contains every point within `meters` (may cross the antimeridian;
 * clamps at the poles, where it widens to all longitudes).
 */
export function bboxAround([lng, lat]: LngLat, meters: number): BBox {
	const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
	const south = Math.max(-90, lat - dLat);
	const north = Math.min(90, lat + dLat);
	const maxAbsLat = Math.max(Math.abs(south), Math.abs(north));
	if (maxAbsLat >= 89.999 || dLat >= 90) return { west: -180, south, east: 180, north };
	const dLng = dLat / Math.cos((maxAbsLat * Math.PI) / 180);
	if (dLng >= 180) return { west: -180, south, east: 180, north };
	const wrap = (x: number) => (x > 180 ? x - 360 : x < -180 ? x + 360 : x);
	return { west: wrap(lng - dLng), south, east: wrap(lng + dLng), north };
}
