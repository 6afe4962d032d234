import type { LngLat, Precision } from '$lib/domain/types';

/** Grid size in degrees for each precision: ~2 km for approximate, ~20 km for region. */
export const GENERALISE_STEP: Record<Exclude<Precision, 'exact' | 'hidden'>, number> = {
	approximate: 0.02,
	region: 0.2
};

/**
 * The point the public may see. Sensitive sites are snapped to the centre of a grid cell, so
 * the true point cannot be recovered from the published one, from bbox queries or from tiles
 * (they all index this point, not the true one).
 */
export function publicPointFor(point: LngLat | null, precision: Precision): LngLat | null {
	if (!point || precision === 'hidden') return null;
	if (precision === 'exact') return point;
	const step = GENERALISE_STEP[precision];
	const snap = (v: number) => Math.round((Math.floor(v / step) * step + step / 2) * 1e6) / 1e6;
	return [snap(point[0]), snap(point[1])];
}
