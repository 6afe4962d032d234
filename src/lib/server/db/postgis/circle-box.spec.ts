import { describe, expect, it } from 'vitest';
import type { LngLat } from '$lib/domain/types';
import { bboxContains } from '$lib/geo/bbox';
import { haversineMeters } from '$lib/geo/distance';
import { circleBox, crossesAntimeridian } from './circle-box';

/** Points on the circle of radius `meters` around `c`, every 5°, by bisection on haversine. */
function ring(c: LngLat, meters: number): LngLat[] {
	const out: LngLat[] = [];
	for (let bearing = 0; bearing < 360; bearing += 5) {
		const b = (bearing * Math.PI) / 180;
		let lo = 0;
		let hi = 90;
		for (let k = 0; k < 60; k++) {
			const mid = (lo + hi) / 2;
			let lng = c[0] + (mid * Math.sin(b)) / Math.cos((c[1] * Math.PI) / 180);
			lng = ((((lng + 180) % 360) + 360) % 360) - 180;
			const lat = Math.max(-90, Math.min(90, c[1] + mid * Math.cos(b)));
			if (haversineMeters(c, [lng, lat]) < meters) lo = mid;
			else hi = mid;
		}
		let lng = c[0] + (lo * Math.sin(b)) / Math.cos((c[1] * Math.PI) / 180);
		lng = ((((lng + 180) % 360) + 360) % 360) - 180;
		out.push([lng, Math.max(-90, Math.min(90, c[1] + lo * Math.cos(b)))]);
	}
	return out;
}

describe('circleBox', () => {
	it.each([
		[[105.85, 21.035], 5_000],
		[[105.85, 21.035], 300_000],
		[[179.99, 10], 20_000],
		[[-179.99, -10], 20_000],
		[[0, 80], 400_000]
	] as Array<[LngLat, number]>)('around %j holds every point within %d m', (c, meters) => {
		const box = circleBox(c, meters);
		for (const p of ring(c, meters)) expect(bboxContains(box, p), `${p}`).toBe(true);
	});

	it('is tight: a 5 km box in Hà Nội spans about 10 km each way', () => {
		const box = circleBox([105.85, 21.035], 5_000);
		expect(haversineMeters([105.85, box.south], [105.85, box.north])).toBeCloseTo(10_000, -1);
		expect(haversineMeters([box.west, 21.035], [box.east, 21.035])).toBeLessThan(10_100);
		expect(crossesAntimeridian(box)).toBe(false);
	});

	it('wraps across ±180 with west > east, and covers all longitudes near a pole', () => {
		const wrapped = circleBox([179.99, 10], 20_000);
		expect(crossesAntimeridian(wrapped)).toBe(true);
		expect(bboxContains(wrapped, [-179.9, 10])).toBe(true);
		expect(bboxContains(wrapped, [0, 10])).toBe(false);
		const polar = circleBox([30, 89.9], 50_000);
		expect([polar.west, polar.east, polar.north]).toEqual([-180, 180, 90]);
	});
});
