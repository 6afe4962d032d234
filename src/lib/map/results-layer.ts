/**
 * The records drawn on top of the map (search results, nearest records) as GeoJSON for the
 * `results` source, and the box that shows them all.
 */
import type { FeatureCollection, Point } from 'geojson';
import type { LngLat } from '../domain/types';
import type { MapItem } from './map-api';

/** Records without a public point are left out (they cannot be placed). */
export function resultsGeoJson(list: MapItem[]): FeatureCollection<Point> {
	return {
		type: 'FeatureCollection',
		features: list
			.filter((item) => item.publicPoint)
			.map((item) => ({
				type: 'Feature',
				id: item.id,
				geometry: { type: 'Point', coordinates: item.publicPoint! },
				properties: { id: item.id, kind: item.kind }
			}))
	};
}

/** [[west, south], [east, north]] around the points; null for none. */
export function pointsBounds(points: LngLat[]): [LngLat, LngLat] | null {
	if (points.length === 0) return null;
	let [w, s, e, n] = [180, 90, -180, -90];
	for (const [lng, lat] of points) {
		w = Math.min(w, lng);
		e = Math.max(e, lng);
		s = Math.min(s, lat);
		n = Math.max(n, lat);
	}
	return [
		[w, s],
		[e, n]
	];
}
