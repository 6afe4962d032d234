import { describe, expect, it } from 'vitest';
import type { BBox } from '$lib/domain/types';
import { mulberry32 } from '$lib/server/seed/demo-palette';
import { cellOf, coverBox, GRID_MAX_CELLS } from './bbox-cells';

describe('coverBox', () => {
	it('picks the finest level with at most GRID_MAX_CELLS cells', () => {
		expect(coverBox({ west: 105.8, south: 21, east: 105.85, north: 21.05 })?.level).toBe(0.04);
		expect(coverBox({ west: 105.5, south: 20.5, east: 105.8, north: 20.7 })?.level).toBe(0.2);
		const province = coverBox({ west: 107.5, south: 14, east: 108.5, north: 15 });
		expect(province?.level).toBe(1);
		expect(province?.cells).toHaveLength(4);
		expect(coverBox({ west: 102, south: 8, east: 110, north: 23.5 })).toBeNull();
	});

	it('covers every point of the box, also across the antimeridian and on cell borders', () => {
		const r = mulberry32(7); // seeded, so a failure repeats
		const boxes: BBox[] = [
			{ west: 179.95, south: -17, east: -179.9, north: -16.9 },
			{ west: 105.8, south: 21, east: 105.84, north: 21.04 },
			{ west: -0.5, south: -0.5, east: 0.5, north: 0.5 }
		];
		for (let k = 0; k < 200; k++) {
			const w = r() * 2;
			const west = -180 + r() * 358;
			const south = -89 + r() * 176;
			boxes.push({ west, south, east: west + w, north: south + w * r() });
		}
		for (const box of boxes) {
			const cover = coverBox(box);
			if (!cover) continue;
			expect(cover.cells.length).toBeLessThanOrEqual(GRID_MAX_CELLS);
			const cells = new Set(cover.cells);
			const span = box.west <= box.east ? box.east - box.west : box.east + 360 - box.west;
			for (const [fx, fy] of [
				[0, 0],
				[1, 1],
				[0, 1],
				[1, 0],
				[r(), r()],
				[r(), r()]
			]) {
				let lng = box.west + fx * span;
				if (lng > 180) lng -= 360;
				const lat = box.south + fy * (box.north - box.south);
				expect(cells.has(cellOf(lng, lat, cover.level)), JSON.stringify({ box, lng, lat })).toBe(
					true
				);
			}
		}
	});
});
