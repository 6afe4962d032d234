import { describe, expect, it } from 'vitest';
import {
	clipLine,
	clipPolygonToBox,
	clipRing,
	polygonToTile,
	roundAndThin,
	signedArea,
	tileTransform,
	type MercBox
} from './tile-geometry';

const square: MercBox = [0, 0, 10, 10];

describe('clipRing', () => {
	it('a ring around the whole rectangle becomes the rectangle', () => {
		const ring = clipRing(
			[
				[-5, -5],
				[15, -5],
				[15, 15],
				[-5, 15]
			],
			square
		);
		expect(Math.abs(signedArea(ring))).toBe(100);
	});

	it('a ring outside the rectangle disappears', () => {
		expect(
			clipRing(
				[
					[20, 20],
					[30, 20],
					[30, 30]
				],
				square
			)
		).toEqual([]);
	});
});

describe('clipLine', () => {
	it('a line that leaves and comes back is split in two', () => {
		const parts = clipLine(
			[
				[2, 5],
				[20, 5],
				[20, 8],
				[2, 8]
			],
			square
		);
		expect(parts).toEqual([
			[
				[2, 5],
				[10, 5]
			],
			[
				[10, 8],
				[2, 8]
			]
		]);
	});
});

describe('roundAndThin', () => {
	it('drops points closer than the tolerance', () => {
		expect(
			roundAndThin(
				[
					[0, 0],
					[0.4, 0.4],
					[1, 1],
					[5, 5]
				],
				2
			)
		).toEqual([
			[0, 0],
			[5, 5]
		]);
	});
});

describe('polygonToTile', () => {
	it('closes rings, makes the exterior positive and holes negative', () => {
		// Merc units for tile 0/0/0: the whole world is 0..1.
		const ring = (a: number, b: number) => Float64Array.from([a, a, a, b, b, b, b, a]);
		const rings = polygonToTile([ring(0.1, 0.9), ring(0.4, 0.6)], tileTransform(0, 0, 0), 1);
		expect(rings).toHaveLength(2);
		const [outer, hole] = rings!;
		expect(outer[0]).toEqual(outer[outer.length - 1]);
		expect(signedArea(outer)).toBeGreaterThan(0);
		expect(signedArea(hole)).toBeLessThan(0);
	});

	it('a polygon whose exterior misses the tile is dropped with its holes', () => {
		const far = Float64Array.from([0.1, 0.1, 0.2, 0.1, 0.2, 0.2]);
		expect(polygonToTile([far], tileTransform(3, 7, 7), 1)).toBeNull();
	});
});

describe('clipPolygonToBox', () => {
	it('keeps a continent only inside the ancestor box', () => {
		const big = Float64Array.from([0, 0, 1, 0, 1, 1, 0, 1]);
		const [cut] = clipPolygonToBox([big], [0.25, 0.25, 0.5, 0.5])!;
		expect(Math.min(...cut)).toBe(0.25);
		expect(Math.max(...cut)).toBe(0.5);
	});
});
