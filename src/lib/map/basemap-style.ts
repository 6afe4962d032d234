/**
 * The embedded MapLibre style: sea background, land, countries with Vietnam highlighted,
 * province and country borders, city dots and our items. The same layers draw a PMTiles copy of
 * the embedded basemap (`npm run basemap:export`); only the source differs. No `glyphs` and no symbol layers: maplibre would fetch
 * glyph PBFs from the internet, so labels are HTML markers drawn by `html-labels.ts`.
 */
import type {
	LayerSpecification,
	StyleSpecification,
	VectorSourceSpecification
} from 'maplibre-gl';
import { ITEMS_SOURCE, itemsLayers, itemsSource } from './items-layers';

export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_TILE_PATH = '/basemap/tiles/{z}/{x}/{y}.mvt';
export const PLACES_LAYER = 'places-dots';
export const PROVINCES_LAYER = 'provinces';
export const LAND_LAYER = 'land';
export const SEA_COLOUR = '#a8d0e6';

export const BASEMAP_ATTRIBUTION = '<a href="https://www.naturalearthdata.com/">Natural Earth</a>';

const basemapLayers: LayerSpecification[] = [
	{ id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOUR } },
	{
		id: LAND_LAYER,
		type: 'fill',
		source: BASEMAP_SOURCE,
		'source-layer': 'land',
		paint: { 'fill-color': '#efe9dc' }
	},
	{
		id: 'countries',
		type: 'fill',
		source: BASEMAP_SOURCE,
		'source-layer': 'countries',
		paint: {
			'fill-color': ['case', ['==', ['get', 'vietnam'], true], '#fdf3d8', '#e8e2d3'],
			'fill-antialias': false
		}
	},
	{
		id: PROVINCES_LAYER,
		type: 'line',
		source: BASEMAP_SOURCE,
		'source-layer': 'provinces',
		minzoom: 5,
		paint: {
			'line-color': '#a3927a',
			'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 10, 1.2],
			'line-dasharray': [2, 2]
		}
	},
	{
		id: 'boundaries',
		type: 'line',
		source: BASEMAP_SOURCE,
		'source-layer': 'boundaries',
		paint: {
			'line-color': '#8c7b63',
			'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 10, 2],
			'line-dasharray': [3, 2]
		}
	},
	{
		id: 'vietnam-outline',
		type: 'line',
		source: BASEMAP_SOURCE,
		'source-layer': 'countries',
		filter: ['==', ['get', 'vietnam'], true],
		paint: {
			'line-color': '#b8862b',
			'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1, 10, 2.5]
		}
	},
	{
		id: PLACES_LAYER,
		type: 'circle',
		source: BASEMAP_SOURCE,
		'source-layer': 'places',
		filter: ['in', ['get', 'kind'], ['literal', ['capital', 'city']]],
		paint: {
			'circle-color': ['case', ['==', ['get', 'kind'], 'capital'], '#b3261e', '#3b3026'],
			'circle-radius': ['case', ['==', ['get', 'kind'], 'capital'], 4.5, 3],
			'circle-stroke-color': '#ffffff',
			'circle-stroke-width': 1
		}
	}
];

/**
 * `origin` makes tile URLs absolute (maplibre's worker resolves them against its own URL).
 * `source` replaces the embedded tile source, e.g. with a PMTiles archive of the same layers.
 */
export function buildBasemapStyle(
	origin: string,
	maxzoom: number,
	source?: VectorSourceSpecification
): StyleSpecification {
	return {
		version: 8,
		name: 'Disan offline basemap',
		sources: {
			[BASEMAP_SOURCE]: source ?? {
				type: 'vector',
				tiles: [origin + BASEMAP_TILE_PATH],
				minzoom: 0,
				maxzoom,
				attribution: BASEMAP_ATTRIBUTION
			},
			[ITEMS_SOURCE]: itemsSource(origin)
		},
		layers: [...basemapLayers, ...itemsLayers()]
	};
}
