import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { basemapTile, parseTileCoord } from './basemap-tiles';
import { mercX, mercY } from './tile-geometry';

/** The tile at zoom z that holds a lng/lat. */
function tileAt(z: number, lng: number, lat: number) {
	const n = 2 ** z;
	return { z, x: Math.floor(mercX(lng) * n), y: Math.floor(mercY(lat) * n) };
}

async function decode(z: number, x: number, y: number) {
	const tile = await basemapTile({ z, x, y });
	return { vt: new VectorTile(new PbfReader(tile.body)), tile };
}

function features(layer: VectorTileLayer | undefined) {
	if (!layer) return [];
	return Array.from({ length: layer.length }, (_, i) => layer.feature(i));
}

describe('basemap tiles', () => {
	it('a tile over Hà Nội at z5 has land, the Vietnam country polygon and the city label', async () => {
		const { z, x, y } = tileAt(5, 105.85, 21.03);
		const { vt } = await decode(z, x, y);
		expect(vt.layers.land?.length).toBeGreaterThan(0);
		const countries = features(vt.layers.countries);
		const vietnam = countries.find((f) => f.properties.vietnam === true);
		expect(vietnam?.properties.name).toBe('Vietnam');
		expect(vietnam?.type).toBe(3);
		expect(countries.map((f) => f.properties.name)).toEqual(
			expect.arrayContaining(['Laos', 'China'])
		);
		expect(vt.layers.boundaries?.length).toBeGreaterThan(0);
		const names = features(vt.layers.places).map((f) => f.properties.name_vi);
		expect(names).toContain('Hà Nội');
		const hanoi = features(vt.layers.places).find((f) => f.properties.name_vi === 'Hà Nội');
		expect(hanoi?.properties.name_en).toBe('Hanoi');
	});

	it('Hà Nội lies inside the land polygons of its tile at z8 (10m data)', async () => {
		const { z, x, y } = tileAt(8, 105.85, 21.03);
		const { vt } = await decode(z, x, y);
		const hanoi = features(vt.layers.places).find((f) => f.properties.name_vi === 'Hà Nội');
		expect(hanoi).toBeDefined();
		const [lng, lat] = (hanoi!.toGeoJSON(x, y, z).geometry as GeoJSON.Point).coordinates;
		expect(lng).toBeCloseTo(105.85, 1);
		expect(lat).toBeCloseTo(21.03, 1);
		// The whole tile is land around Hà Nội: one land feature covering the tile square.
		const land = features(vt.layers.land);
		expect(land.length).toBeGreaterThan(0);
		const bbox = land[0].bbox();
		expect(bbox[0]).toBeLessThanOrEqual(0);
		expect(bbox[2]).toBeGreaterThanOrEqual(4096);
	});

	it('a tile in the open Indian Ocean has no land, countries or places', async () => {
		const { z, x, y } = tileAt(5, 84, -26);
		const { vt } = await decode(z, x, y);
		expect(vt.layers.land?.length ?? 0).toBe(0);
		expect(vt.layers.countries?.length ?? 0).toBe(0);
		expect(vt.layers.places?.length ?? 0).toBe(0);
	});

	it('the world tile has land but no city labels below their zoom', async () => {
		const { vt } = await decode(0, 0, 0);
		expect(vt.layers.land?.length).toBeGreaterThan(10);
		const names = features(vt.layers.places).map((f) => f.properties.name_vi);
		expect(names).toEqual(['Hà Nội']);
	});

	it('polygons follow the MVT winding rule so clients see holes right', async () => {
		const { z, x, y } = tileAt(6, 105.85, 21.03);
		const { vt } = await decode(z, x, y);
		for (const f of features(vt.layers.countries)) {
			const rings = f.loadGeometry();
			let area = 0;
			const r = rings[0];
			for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
				area += r[j].x * r[i].y - r[i].x * r[j].y;
			}
			expect(area).toBeGreaterThan(0);
		}
	});

	it('serves the same bytes and ETag from the cache', async () => {
		const first = await basemapTile({ z: 4, x: 12, y: 7 });
		const second = await basemapTile({ z: 4, x: 12, y: 7 });
		expect(second).toBe(first);
		expect(first.etag).toMatch(/^"[\w-]+"$/);
	});

	it('keeps low-zoom tiles small', async () => {
		for (const [z, lng, lat] of [
			[3, 105, 16],
			[5, 105, 16],
			[7, 106, 11],
			[10, 105.85, 21.03]
		] as const) {
			const c = tileAt(z, lng, lat);
			const { tile } = await decode(c.z, c.x, c.y);
			expect(tile.body.byteLength).toBeLessThan(250_000);
		}
	});
});

describe('parseTileCoord', () => {
	it('accepts a valid address', () => {
		expect(parseTileCoord({ z: '5', x: '25', y: '14' })).toEqual({ z: 5, x: 25, y: 14 });
	});

	it.each([
		[{ z: 'a', x: '0', y: '0' }, /z must be a whole number/],
		[{ z: '-1', x: '0', y: '0' }, /z must be a whole number/],
		[{ z: '3', x: '8', y: '0' }, /between 0 and 7/],
		[{ z: '3', x: '0', y: '1.5' }, /y must be a whole number/],
		[{ z: '15', x: '0', y: '0' }, /up to zoom 14/]
	])('refuses %o', (raw, message) => {
		expect(() => parseTileCoord(raw)).toThrow(ValidationError);
		expect(() => parseTileCoord(raw)).toThrow(message);
	});
});
