import { describe, expect, it } from 'vitest';
import {
	extentProblem,
	MAX_MERCATOR_LAT,
	projectToTile,
	TILE_BUFFER,
	TILE_EXTENT,
	tileBBox,
	tileContaining,
	tileProblem,
	tileSearchBoxes,
	withinBuffer,
	worldY
} from './tiles';

describe('tileProblem', () => {
	it('accepts every tile of a zoom and nothing outside it', () => {
		expect(tileProblem({ z: 0, x: 0, y: 0 })).toBeNull();
		expect(tileProblem({ z: 3, x: 7, y: 7 })).toBeNull();
		expect(tileProblem({ z: 22, x: 2 ** 22 - 1, y: 0 })).toBeNull();
		expect(tileProblem({ z: 3, x: 8, y: 0 })).toBe('Tile x=8 is outside zoom 3 (0–7)');
		expect(tileProblem({ z: 3, x: 0, y: -1 })).toBe('Tile y=-1 is outside zoom 3 (0–7)');
		expect(tileProblem({ z: 23, x: 0, y: 0 })).toMatch(/zoom must be a whole number from 0 to 22/);
		expect(tileProblem({ z: 1.5, x: 0, y: 0 })).toMatch(/zoom/);
		expect(tileProblem({ z: 2, x: 0.5, y: 0 })).toMatch(/x=0.5/);
		expect(tileProblem({ z: 2, x: 0, y: NaN })).toMatch(/y=NaN/);
	});
});

describe('extentProblem', () => {
	it('accepts powers of two from 256 to 16384 only', () => {
		for (const ok of [256, 512, 4096, 16384]) expect(extentProblem(ok)).toBeNull();
		for (const bad of [0, 128, 1000, 4096.5, 32768, NaN])
			expect(extentProblem(bad)).toMatch(/power of two/);
	});
});

describe('tile bounds and projection', () => {
	it('z0 is the whole mercator world', () => {
		const b = tileBBox({ z: 0, x: 0, y: 0 });
		expect(b.west).toBe(-180);
		expect(b.east).toBe(180);
		expect(b.north).toBeCloseTo(MAX_MERCATOR_LAT, 9);
		expect(b.south).toBeCloseTo(-MAX_MERCATOR_LAT, 9);
	});

	it('a tile corner projects to 0 and extent, and its containing tile is itself', () => {
		const tile = { z: 14, x: 13107, y: 7571 };
		const b = tileBBox(tile);
		const [x0, y0] = projectToTile(b.west, b.north, tile);
		const [x1, y1] = projectToTile(b.east, b.south, tile);
		expect(x0).toBeCloseTo(0, 6);
		expect(y0).toBeCloseTo(0, 6);
		expect(x1).toBeCloseTo(TILE_EXTENT, 6);
		expect(y1).toBeCloseTo(TILE_EXTENT, 6);
		expect(tileContaining((b.west + b.east) / 2, (b.north + b.south) / 2, 14)).toEqual(tile);
	});

	it('Kon Tum lands in the slippy-map tile computed by hand (z10 → 819/470)', () => {
		expect(tileContaining(108.0186, 14.3545, 10)).toEqual({ z: 10, x: 819, y: 470 });
	});

	it('mercator y is 0.5 at the equator and clamps beyond the poles', () => {
		expect(worldY(0)).toBeCloseTo(0.5, 12);
		expect(worldY(89)).toBeCloseTo(0, 9);
		expect(worldY(-90)).toBeCloseTo(1, 9);
	});
});

describe('tileSearchBoxes', () => {
	it('pads a tile by the buffer on every side', () => {
		const tile = { z: 10, x: 819, y: 481 };
		const [box] = tileSearchBoxes(tile);
		const b = tileBBox(tile);
		const pad = (360 / 1024) * (TILE_BUFFER / TILE_EXTENT);
		expect(box.west).toBeCloseTo(b.west - pad, 9);
		expect(box.east).toBeCloseTo(b.east + pad, 9);
		expect(box.north).toBeGreaterThan(b.north);
		expect(box.south).toBeLessThan(b.south);
		expect(box.shift).toBe(0);
		const [, top] = projectToTile(box.west, box.north, tile);
		expect(top).toBeCloseTo(-TILE_BUFFER, 6);
	});

	it('wraps the buffer across the antimeridian, with the shift that draws it beside the tile', () => {
		const east = tileSearchBoxes({ z: 4, x: 15, y: 8 });
		expect(east).toHaveLength(2);
		expect(east[1]).toMatchObject({ west: -180, shift: 360 });
		const [px] = projectToTile(-179.9, -10, { z: 4, x: 15, y: 8 }, TILE_EXTENT, 360);
		expect(px).toBeGreaterThan(TILE_EXTENT);
		expect(withinBuffer([px, 100])).toBe(true);
		const west = tileSearchBoxes({ z: 4, x: 0, y: 8 });
		expect(west[0]).toMatchObject({ east: 180, shift: -360 });
		const [qx] = projectToTile(179.9, -10, { z: 4, x: 0, y: 8 }, TILE_EXTENT, -360);
		expect(qx).toBeLessThan(0);
		expect(qx).toBeGreaterThan(-TILE_BUFFER);
	});

	it('zoom 0 is one box of the whole world (a point is never drawn twice)', () => {
		expect(tileSearchBoxes({ z: 0, x: 0, y: 0 })).toEqual([
			expect.objectContaining({ west: -180, east: 180, shift: 0 })
		]);
	});

	it('keeps latitudes inside the mercator limit at the top row', () => {
		const [box] = tileSearchBoxes({ z: 2, x: 1, y: 0 });
		expect(box.north).toBeCloseTo(MAX_MERCATOR_LAT, 9);
	});
});
