/**
 * The lng/lat box enclosing every point within `meters` (great circle, EARTH_RADIUS_M sphere) of a
 * centre, so a radius query can run on the planar point GiST instead of a geography index.
 */
import type { BBox, LngLat } from '$lib/domain/types';
import { EARTH_RADIUS_M } from '$lib/geo/distance';

const DEG = 180 / Math.PI;
const WORLD: BBox = { west: -180, south: -90, east: 180, north: 90 };

/**
 * West > east when the box crosses the antimeridian (splitAntimeridian's convention). A small
 * relative margin covers floating-point error: the exact cut is made on haversine metres anyway.
 */
export function circleBox([lng, lat]: LngLat, meters: number): BBox {
	const delta = (meters * (1 + 1e-6) + 1e-3) / EARTH_RADIUS_M;
	if (!(delta < Math.PI / 2)) return WORLD;
	const south = lat - delta * DEG;
	const north = lat + delta * DEG;
	if (south <= -90 || north >= 90)
		return { ...WORLD, south: Math.max(-90, south), north: Math.min(90, north) };
	// The widest longitude reached by a small circle of angular radius delta at this latitude.
	const ratio = Math.sin(delta) / Math.cos((lat * Math.PI) / 180);
	if (!(ratio < 1)) return { ...WORLD, south, north };
	const half = Math.asin(ratio) * DEG + 1e-9;
	if (half >= 180) return { ...WORLD, south, north };
	let west = lng - half;
	let east = lng + half;
	if (west < -180) west += 360;
	if (east > 180) east -= 360;
	return { west, south, east, north };
}

/** Whether the box wraps past ±180 (then a planar probe must also look from the other side). */
export const crossesAntimeridian = (b: BBox) => b.west > b.east;
