/**
 * The `items` source and layers, shared by the embedded style (built on the server) and by the
 * client, which adds them on top of an external style. Tile contract (`/tiles/items/...`):
 * layer `items`, points; clusters carry `count` > 1, single records carry `id`, `kind`,
 * `title_vi`, `title_en`, `cover`.
 */
import type {
	CircleLayerSpecification,
	FilterSpecification,
	VectorSourceSpecification
} from 'maplibre-gl';
import type { ItemKind } from '$lib/domain/types';

export const ITEMS_SOURCE = 'items';
export const ITEMS_SOURCE_LAYER = 'items';
export const ITEMS_CLUSTER_LAYER = 'items-clusters';
export const ITEMS_POINT_LAYER = 'items-points';
export const ITEMS_TILE_PATH = '/tiles/items/{z}/{x}/{y}.mvt';
export const ITEMS_MAX_ZOOM = 16;

/** One colour per kind, readable on the pale land and the blue sea. */
export const KIND_COLOURS: Record<ItemKind, string> = {
	site: '#b3261e',
	structure: '#8a4b08',
	artefact: '#6a3d9a',
	document: '#1f5f8b',
	practice: '#1b7a3e',
	event: '#c2185b',
	person: '#455a64'
};

export const CLUSTER_FILTER: FilterSpecification = [
	'all',
	['has', 'count'],
	['>', ['get', 'count'], 1]
];
export const SINGLE_FILTER: FilterSpecification = ['!', CLUSTER_FILTER];

/**
 * Tile URLs must be absolute: maplibre fetches them from a worker with another base URL. `query`
 * carries the page's filters (`kind=site&from=-500`, see map-state `filterParams`), so the map
 * draws only matching records.
 */
export function itemsTileUrl(origin: string, query = ''): string {
	return origin + ITEMS_TILE_PATH + (query ? `?${query}` : '');
}

export function itemsSource(origin: string, query = ''): VectorSourceSpecification {
	return {
		type: 'vector',
		tiles: [itemsTileUrl(origin, query)],
		minzoom: 0,
		maxzoom: ITEMS_MAX_ZOOM
	};
}

/** A maplibre `match` expression: the colour of each item kind, grey for anything else. */
function kindColourExpression(): string {
	const expr: unknown[] = ['match', ['get', 'kind']];
	for (const [kind, colour] of Object.entries(KIND_COLOURS)) expr.push(kind, colour);
	expr.push('#555555');
	// maplibre's types want a string colour; an expression is valid wherever a colour is.
	return expr as unknown as string;
}

/** Search and near-me results, drawn from the list (GeoJSON) while the tiles cannot show them. */
export const RESULTS_SOURCE = 'results';
export const RESULTS_LAYER = 'results-points';

export function resultsLayers(): CircleLayerSpecification[] {
	const kindColour = kindColourExpression();
	return [
		{
			id: RESULTS_LAYER,
			type: 'circle',
			source: RESULTS_SOURCE,
			paint: {
				'circle-color': kindColour,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 7, 14, 10],
				'circle-stroke-color': '#fffaf0',
				'circle-stroke-width': 3
			}
		}
	];
}

export function itemsLayers(): CircleLayerSpecification[] {
	const kindColour = kindColourExpression();
	return [
		{
			id: ITEMS_CLUSTER_LAYER,
			type: 'circle',
			source: ITEMS_SOURCE,
			'source-layer': ITEMS_SOURCE_LAYER,
			filter: CLUSTER_FILTER,
			paint: {
				'circle-color': '#b8862b',
				'circle-opacity': 0.85,
				'circle-stroke-color': '#fffaf0',
				'circle-stroke-width': 2,
				'circle-radius': [
					'interpolate',
					['linear'],
					['get', 'count'],
					2,
					13,
					100,
					18,
					1000,
					24,
					10000,
					30,
					100000,
					38
				]
			}
		},
		{
			id: ITEMS_POINT_LAYER,
			type: 'circle',
			source: ITEMS_SOURCE,
			'source-layer': ITEMS_SOURCE_LAYER,
			filter: SINGLE_FILTER,
			paint: {
				'circle-color': kindColour,
				'circle-radius': ['interpolate', ['linear'], ['zoom'], 5, 5, 14, 8],
				'circle-stroke-color': '#ffffff',
				'circle-stroke-width': 2
			}
		}
	];
}
