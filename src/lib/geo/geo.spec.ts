import { describe, expect, it } from 'vitest';
import { bboxAround, haversineMeters } from './distance';
import { bboxContains, parseBBox, splitAntimeridian } from './bbox';
import { publicPointFor } from './generalise';

describe('parseBBox', () => {
	it('accepts four numbers', () => {
		expect(parseBBox('107.5,14,108.5,15')).toEqual({
			west: 107.5,
			south: 14,
			east: 108.5,
			north: 15
		});
	});
	it.each(['1,2,3', 'a,b,c,d', '0,0,200,1', '0,10,1,5', '0,-91,1,0', ',,,'])('rejects %s', (t) => {
		expect(typeof parseBBox(t)).toBe('string');
	});
});

describe('splitAntimeridian', () => {
	it('splits a crossing box in two', () => {
		const parts = splitAntimeridian({ west: 170, south: -10, east: -170, north: 10 });
		expect(parts).toHaveLength(2);
		expect(bboxContains({ west: 170, south: -10, east: -170, north: 10 }, [180, 0])).toBe(true);
		expect(bboxContains({ west: 170, south: -10, east: -170, north: 10 }, [-175, 0])).toBe(true);
		expect(bboxContains({ west: 170, south: -10, east: -170, north: 10 }, [0, 0])).toBe(false);
	});
});

describe('haversineMeters', () => {
	it('Hà Nội to Huế is about 540 km', () => {
		const d = haversineMeters([105.8342, 21.0278], [107.5909, 16.4637]);
		expect(d).toBeGreaterThan(530_000);
		expect(d).toBeLessThan(560_000);
	});
	it('bboxAround contains the circle', () => {
		const c: [number, number] = [179.9, 0];
		const b = bboxAround(c, 50_000);
		expect(b.west).toBeGreaterThan(b.east);
		expect(bboxContains(b, [-179.8, 0])).toBe(true);
	});
});

describe('publicPointFor', () => {
	it('keeps exact points and hides hidden ones', () => {
		expect(publicPointFor([108.0186, 14.3545], 'exact')).toEqual([108.0186, 14.3545]);
		expect(publicPointFor([108.0186, 14.3545], 'hidden')).toBeNull();
	});
	it('snaps sensitive points to a grid-cell centre', () => {
		const p = publicPointFor([108.0186, 14.3545], 'region')!;
		expect(p).toEqual([108.1, 14.3]);
		expect(publicPointFor([108.05, 14.31], 'region')).toEqual(p);
	});
});
