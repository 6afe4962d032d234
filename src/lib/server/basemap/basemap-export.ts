/**
 * The embedded basemap written out as one PMTiles file (`npm run basemap:export`), so a reading
 * point can pre-render it once and serve it as a static archive (BASEMAP_PMTILES) instead of
 * cutting tiles on request. The whole world to `worldMaxZoom`, the region around Vietnam below.
 */
import { gzipSync } from 'node:zlib';
import { BASEMAP_ATTRIBUTION } from '../../map/basemap-style';
import { basemapTile, BASEMAP_MAX_ZOOM } from './basemap-tiles';
import { Compression, TileType, writePmtiles, type PmtilesTile } from './pmtiles-writer';
import { PROVINCES_MIN_ZOOM } from './provinces';
import { mercX, mercY } from './tile-geometry';

export interface ExportOptions {
	/** Deepest zoom written; the client overzooms beyond it. */
	maxzoom?: number;
	/** [west, south, east, north] covered below `worldMaxZoom`. */
	bounds?: [number, number, number, number];
	worldMaxZoom?: number;
	onProgress?: (done: number, total: number) => void;
}

/** Vietnam, its neighbours and the East Sea islands: the region world-data.ts keeps borders for. */
export const EXPORT_BOUNDS: [number, number, number, number] = [85, -12, 140, 38];
export const DEFAULT_EXPORT_MAX_ZOOM = BASEMAP_MAX_ZOOM;

export function tilesCovering(
	z: number,
	[west, south, east, north]: [number, number, number, number]
): { z: number; x: number; y: number }[] {
	const n = 2 ** z;
	const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
	const out = [];
	for (let x = clamp(mercX(west)); x <= clamp(mercX(east)); x++) {
		for (let y = clamp(mercY(north)); y <= clamp(mercY(south)); y++) out.push({ z, x, y });
	}
	return out;
}

export async function exportEmbeddedBasemap(options: ExportOptions = {}): Promise<Uint8Array> {
	const maxzoom = options.maxzoom ?? DEFAULT_EXPORT_MAX_ZOOM;
	const bounds = options.bounds ?? EXPORT_BOUNDS;
	const worldMaxZoom = options.worldMaxZoom ?? 4;
	if (!Number.isInteger(maxzoom) || maxzoom < 0 || maxzoom > BASEMAP_MAX_ZOOM) {
		throw new Error(`maxzoom must be a whole number from 0 to ${BASEMAP_MAX_ZOOM}.`);
	}
	const coords = [];
	for (let z = 0; z <= maxzoom; z++) {
		coords.push(...tilesCovering(z, z <= worldMaxZoom ? [-180, -85, 180, 85] : bounds));
	}
	const tiles: PmtilesTile[] = [];
	for (const coord of coords) {
		const tile = await basemapTile(coord);
		tiles.push({ ...coord, data: gzipSync(tile.body) });
		options.onProgress?.(tiles.length, coords.length);
	}
	const layer = (id: string, fields: Record<string, string>, minzoom = 0) => ({
		id,
		fields,
		minzoom,
		maxzoom
	});
	return writePmtiles(tiles, {
		tileType: TileType.Mvt,
		tileCompression: Compression.Gzip,
		bounds,
		center: [106, 16, 5],
		metadata: {
			name: 'Disan embedded basemap',
			description: 'Natural Earth land, countries, borders and Vietnam province borders',
			attribution: BASEMAP_ATTRIBUTION,
			type: 'baselayer',
			format: 'pbf',
			generator: 'disan npm run basemap:export',
			vector_layers: [
				layer('land', {}),
				layer('countries', { id: 'String', name: 'String', vietnam: 'Boolean' }),
				layer('boundaries', {}),
				layer('provinces', {}, PROVINCES_MIN_ZOOM),
				layer('places', { name_vi: 'String', name_en: 'String', kind: 'String', rank: 'Number' })
			]
		}
	});
}
