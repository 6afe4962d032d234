import { describe, expect, it } from 'vitest';
import { parseConfig } from '../server/config';
import { buildBasemapStyle } from './basemap-style';
import { ITEMS_CLUSTER_LAYER, ITEMS_POINT_LAYER } from './items-layers';

describe('embedded basemap style', () => {
	const style = buildBasemapStyle('http://127.0.0.1:4173', 10);

	it('points every source at absolute URLs on our own origin', () => {
		const urls = Object.values(style.sources).flatMap((s) => ('tiles' in s ? (s.tiles ?? []) : []));
		expect(urls).toEqual([
			'http://127.0.0.1:4173/basemap/tiles/{z}/{x}/{y}.mvt',
			'http://127.0.0.1:4173/tiles/items/{z}/{x}/{y}.mvt'
		]);
	});

	it('needs nothing from the internet: no glyphs, sprites or symbol layers', () => {
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
		expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
	});

	it('draws the sea, land, Vietnam, borders and our records', () => {
		const ids = style.layers.map((l) => l.id);
		expect(ids[0]).toBe('sea');
		expect(ids).toEqual(
			expect.arrayContaining([
				'land',
				'countries',
				'boundaries',
				'vietnam-outline',
				ITEMS_CLUSTER_LAYER,
				ITEMS_POINT_LAYER
			])
		);
		// Records are drawn last, above every basemap layer.
		expect(ids.slice(-2)).toEqual([ITEMS_CLUSTER_LAYER, ITEMS_POINT_LAYER]);
	});
});

describe('MAP_STYLE_URL', () => {
	it('is unset by default, so /map uses the embedded basemap', () => {
		expect(parseConfig({}).mapStyleUrl).toBeUndefined();
	});

	it('takes an external MapLibre style URL', () => {
		const url = 'https://tiles.example.org/styles/liberty/style.json';
		expect(parseConfig({ MAP_STYLE_URL: url }).mapStyleUrl).toBe(url);
	});

	it('refuses something that is not a URL, naming the variable', () => {
		expect(() => parseConfig({ MAP_STYLE_URL: 'liberty' })).toThrow(/MAP_STYLE_URL/);
	});
});
