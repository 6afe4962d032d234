import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { basemapTile } from './basemap-tiles';
import { PROVINCE_BORDERS, PROVINCES } from './provinces';
import { buildProvinceData, sharedBorders, simplifyLine } from './provinces-build';
import { mercX, mercY } from './tile-geometry';

function tileAt(z: number, lng: number, lat: number) {
	const n = 2 ** z;
	return { z, x: Math.floor(mercX(lng) * n), y: Math.floor(mercY(lat) * n) };
}

describe('province borders from Natural Earth admin-1', () => {
	it('keeps only the edge two provinces share, once, not the coast', () => {
		// Two unit squares side by side share the edge x = 1.
		const left = [
			[
				[0, 0],
				[1, 0],
				[1, 1],
				[0, 1],
				[0, 0]
			]
		];
		const right = [
			[
				[1, 0],
				[2, 0],
				[2, 1],
				[1, 1],
				[1, 0]
			]
		];
		const lines = sharedBorders([left, right]);
		expect(lines).toHaveLength(1);
		const ends = [lines[0][0], lines[0][lines[0].length - 1]].map((p) => p.join(','));
		expect(ends.sort()).toEqual(['1,0', '1,1']);
	});

	it('thins a line but keeps its ends and real corners', () => {
		const line = [
			[0, 0],
			[1, 0.0001],
			[2, 0],
			[2, 1]
		];
		expect(simplifyLine(line, 0.001)).toEqual([
			[0, 0],
			[2, 0],
			[2, 1]
		]);
	});

	it('builds Vietnamese names, with Natural Earth’s region names fixed by ISO code', () => {
		const square = (x: number) => ({
			type: 'Polygon' as const,
			coordinates: [
				[
					[x, 0],
					[x + 1, 0],
					[x + 1, 1],
					[x, 1],
					[x, 0]
				]
			]
		});
		const data = buildProvinceData({
			features: [
				{
					type: 'Feature',
					geometry: square(105),
					properties: { adm0_a3: 'VNM', iso_3166_2: 'VN-66', name_vi: 'Đồng Bằng Sông Hồng' }
				},
				{
					type: 'Feature',
					geometry: square(106),
					properties: { adm0_a3: 'VNM', iso_3166_2: 'VN-HN', name_vi: 'Hà Nội', name_en: 'Hanoi' }
				},
				{ type: 'Feature', geometry: square(104), properties: { adm0_a3: 'LAO' } }
			]
		});
		expect(data.provinces.map((p) => p.name_vi)).toEqual(['Hưng Yên', 'Hà Nội']);
		// The shared edge x = 106, in either direction.
		expect(data.borders).toHaveLength(1);
		expect([...data.borders[0]].sort()).toEqual([0, 1, 106, 106]);
		expect(() => buildProvinceData({ features: [] })).toThrow(/adm0_a3 = VNM/);
	});

	it('the committed data has the 63 provinces and their borders inside Vietnam', () => {
		expect(PROVINCES).toHaveLength(63);
		const names = PROVINCES.map((p) => p.name_vi);
		expect(names).toEqual(
			expect.arrayContaining(['Hà Nội', 'Thành phố Hồ Chí Minh', 'Kon Tum', 'Đồng Nai', 'Bắc Kạn'])
		);
		expect(PROVINCE_BORDERS.length).toBeGreaterThan(100);
		const [west, north, east, south] = [mercX(102), mercY(23.5), mercX(110), mercY(8)];
		for (const { box } of PROVINCE_BORDERS) {
			expect(box[0]).toBeGreaterThanOrEqual(west);
			expect(box[2]).toBeLessThanOrEqual(east);
			expect(box[1]).toBeGreaterThanOrEqual(north);
			expect(box[3]).toBeLessThanOrEqual(south);
		}
	});
});

describe('provinces layer in the basemap tiles', () => {
	it('draws province borders around Hà Nội from zoom 5, as lines', async () => {
		for (const z of [5, 8]) {
			const { x, y } = tileAt(z, 105.85, 21.03);
			const vt = new VectorTile(new PbfReader((await basemapTile({ z, x, y })).body));
			const layer = vt.layers.provinces;
			expect(layer?.length, `z${z}`).toBeGreaterThan(0);
			expect(layer.feature(0).type).toBe(2);
		}
	});

	it('leaves them out below zoom 5', async () => {
		const { x, y } = tileAt(4, 105.85, 21.03);
		const vt = new VectorTile(new PbfReader((await basemapTile({ z: 4, x, y })).body));
		expect(vt.layers.provinces?.length ?? 0).toBe(0);
	});
});
