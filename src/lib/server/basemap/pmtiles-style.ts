/**
 * The MapLibre style for a PMTiles basemap served from `/basemap/archive.pmtiles`. The browser
 * reads it through the `pmtiles://` protocol (registered in `load-maplibre.ts`). Which layers
 * draw it depends on what the archive holds:
 *
 * - our own schema (`npm run basemap:export`): the embedded style's layers, so HTML place
 *   labels keep working;
 * - the Protomaps basemap schema (a `pmtiles extract` of a Protomaps build): the
 *   `@protomaps/basemaps` light flavour without its symbol layers, which would need glyphs and
 *   sprites from the internet (names are HTML markers here);
 * - any other vector schema: plain fills, lines and dots per layer;
 * - raster tiles: one raster layer.
 */
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps';
import type {
	LayerSpecification,
	RasterSourceSpecification,
	StyleSpecification,
	VectorSourceSpecification
} from 'maplibre-gl';
import {
	BASEMAP_ATTRIBUTION,
	BASEMAP_SOURCE,
	buildBasemapStyle,
	PLACES_LAYER,
	SEA_COLOUR
} from '../../map/basemap-style';
import { ITEMS_SOURCE, itemsLayers, itemsSource } from '../../map/items-layers';
import type { ArchiveDescription } from './pmtiles-archive';

export const ARCHIVE_PATH = '/basemap/archive.pmtiles';

const PROTOMAPS_ATTRIBUTION =
	'<a href="https://protomaps.com">Protomaps</a> © <a href="https://openstreetmap.org/copyright">OpenStreetMap</a>';

/** The URL maplibre's pmtiles protocol fetches by byte ranges (absolute, like every tile URL). */
export function pmtilesUrl(origin: string): string {
	return `pmtiles://${origin}${ARCHIVE_PATH}`;
}

/** Layers for a vector schema we know nothing about: enough to see where things are. */
function genericVectorLayers(ids: readonly string[]): LayerSpecification[] {
	return ids.flatMap((id): LayerSpecification[] => [
		{
			id: `${id}-fill`,
			type: 'fill',
			source: BASEMAP_SOURCE,
			'source-layer': id,
			filter: ['==', ['geometry-type'], 'Polygon'],
			paint: { 'fill-color': '#efe9dc', 'fill-opacity': 0.6, 'fill-outline-color': '#c9bfae' }
		},
		{
			id: `${id}-line`,
			type: 'line',
			source: BASEMAP_SOURCE,
			'source-layer': id,
			filter: ['==', ['geometry-type'], 'LineString'],
			paint: { 'line-color': '#8c7b63', 'line-width': 0.8 }
		},
		{
			id: `${id}-point`,
			type: 'circle',
			source: BASEMAP_SOURCE,
			'source-layer': id,
			filter: ['==', ['geometry-type'], 'Point'],
			paint: { 'circle-color': '#3b3026', 'circle-radius': 2 }
		}
	]);
}

function withItems(
	origin: string,
	source: VectorSourceSpecification | RasterSourceSpecification,
	layers: LayerSpecification[]
): StyleSpecification {
	return {
		version: 8,
		name: 'Disan PMTiles basemap',
		sources: { [BASEMAP_SOURCE]: source, [ITEMS_SOURCE]: itemsSource(origin) },
		layers: [...layers, ...itemsLayers()]
	};
}

export function buildPmtilesStyle(origin: string, archive: ArchiveDescription): StyleSpecification {
	const url = pmtilesUrl(origin);
	switch (archive.schema) {
		case 'embedded':
			return buildBasemapStyle(origin, archive.maxzoom, {
				type: 'vector',
				url,
				attribution: archive.attribution ?? BASEMAP_ATTRIBUTION
			});
		case 'protomaps': {
			const layers = (
				protomapsLayers(BASEMAP_SOURCE, namedFlavor('light'), {
					lang: 'vi'
				}) as LayerSpecification[]
			).filter((layer) => layer.type !== 'symbol');
			// Town dots: the names are drawn as HTML labels by the map (see label-specs.ts).
			layers.push({
				id: PLACES_LAYER,
				type: 'circle',
				source: BASEMAP_SOURCE,
				'source-layer': 'places',
				filter: ['==', ['get', 'kind'], 'locality'],
				paint: {
					'circle-color': '#3b3026',
					'circle-radius': 2.5,
					'circle-stroke-color': '#ffffff',
					'circle-stroke-width': 1
				}
			});
			return withItems(
				origin,
				{ type: 'vector', url, attribution: archive.attribution ?? PROTOMAPS_ATTRIBUTION },
				layers
			);
		}
		case 'vector':
			return withItems(
				origin,
				{ type: 'vector', url, attribution: archive.attribution ?? undefined },
				[
					{ id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOUR } },
					...genericVectorLayers(archive.vectorLayers)
				]
			);
		case 'raster':
			return withItems(
				origin,
				{ type: 'raster', url, tileSize: 256, attribution: archive.attribution ?? undefined },
				[
					{ id: 'sea', type: 'background', paint: { 'background-color': SEA_COLOUR } },
					{ id: 'basemap-raster', type: 'raster', source: BASEMAP_SOURCE }
				]
			);
	}
}
