import { describe, expect, it } from 'vitest';
import { parseConfig } from '../server/config';
import { buildBasemapStyle, PROVINCES_LAYER } from './basemap-style';
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

	it('draws the sea, land, Vietnam, province and country borders, and our records', () => {
		const ids = style.layers.map((l) => l.id);
		expect(ids[0]).toBe('sea');
		expect(ids).toEqual(
			expect.arrayContaining([
				'land',
				'countries',
				PROVINCES_LAYER,
				'boundaries',
				'vietnam-outline',
				ITEMS_CLUSTER_LAYER,
				ITEMS_POINT_LAYER
			])
		);
		// Records are drawn last, above every basemap layer.
		expect(ids.slice(-2)).toEqual([ITEMS_CLUSTER_LAYER, ITEMS_POINT_LAYER]);
	});

	it('draws province borders as thin dashed lines from zoom 5', () => {
		const provinces = style.layers.find((l) => l.id === PROVINCES_LAYER);
		expect(provinces).toMatchObject({ type: 'line', 'source-layer': 'provinces', minzoom: 5 });
		expect(provinces?.paint).toHaveProperty('line-dasharray');
	});

	it('takes another source of the same layers, e.g. a PMTiles copy', () => {
		const url = 'pmtiles://http://127.0.0.1:4173/basemap/archive.pmtiles';
		const pm = buildBasemapStyle('http://127.0.0.1:4173', 10, { type: 'vector', url });
		expect(pm.sources.basemap).toEqual({ type: 'vector', url });
		expect(pm.layers).toEqual(style.layers);
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
