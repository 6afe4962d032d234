import type { BBox, LngLat } from '$lib/domain/types';

/** Parses and checks `west,south,east,north`; returns an error message instead of throwing. */
export function parseBBox(text: string): BBox | string {
	const parts = text.split(',');
	if (parts.length !== 4) return 'bbox must be four numbers: west,south,east,north';
	const nums = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
	if (nums.some((n) => !Number.isFinite(n))) return 'bbox values must be numbers';
	const [west, south, east, north] = nums;
	return validateBBox({ west, south, east, north }) ?? { west, south, east, north };
}

/** null when valid; otherwise a message a person can act on. */
export function validateBBox(b: BBox): string | null {
	for (const v of [b.west, b.east])
		if (!(v >= -180 && v <= 180)) return 'bbox longitudes must be between -180 and 180';
	for (const v of [b.south, b.north])
		if (!(v >= -90 && v <= 90)) return 'bbox latitudes must be between -90 and 90';
	if (b.south > b.north) return 'bbox south must not be greater than north';
	return null;
}

/**
 * A box with west > east crosses the antimeridian; engines index plain boxes, so split it once
 * here. Edges are inclusive on both parts.
 */
export function splitAntimeridian(b: BBox): BBox[] {
	if (b.west <= b.east) return [b];
	return [
		{ west: b.west, south: b.south, east: 180, north: b.north },
		{ west: -180, south: b.south, east: b.east, north: b.north }
	];
}

export function bboxContains(b: BBox, [lng, lat]: LngLat): boolean {
	return splitAntimeridian(b).some(
		(p) => lng >= p.west && lng <= p.east && lat >= p.south && lat <= p.north
	);
}
