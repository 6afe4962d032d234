/**
 * The offline basemap's vector tiles, built on request from Natural Earth data in npm packages
 * and kept in memory. Layers: `land`, `countries` (polygons, `vietnam` flag), `boundaries`
 * (lines between countries), `provinces` (lines between Vietnam's provinces, zoom 5 and up)
 * and `places` (points with `name_vi`, `name_en`, `kind`, `rank`).
 * There is no `water` layer: the style's background is the sea.
 */
import { createHash } from 'node:crypto';
import { fromGeojsonVt, type BasemapVtFeature as VtFeature } from 'vt-pbf';
import { ValidationError } from '../errors';
import { PLACES } from './places';
import { PROVINCE_BORDERS, PROVINCES_MIN_ZOOM } from './provinces';
import {
	boxesIntersect,
	EXTENT,
	lineToTile,
	pointToTile,
	polygonToTile,
	tileMercBox,
	tileTransform
} from './tile-geometry';
import { layersForTile } from './world-data';

/** Beyond this the client overzooms; the style's source says so too. */
export const BASEMAP_MAX_ZOOM = 10;
/** Requests above this are refused rather than computed: nobody needs them, a crawler might. */
const SERVED_MAX_ZOOM = 14;
const CACHE_LIMIT = 4000;

export interface BasemapTile {
	body: Uint8Array<ArrayBuffer>;
	etag: string;
}

export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

const INTEGER = /^\d{1,8}$/;

/** Checks raw path parts; a bad one gets a message saying what a valid tile address is. */
export function parseTileCoord(raw: { z: string; x: string; y: string }): TileCoord {
	for (const [name, value] of Object.entries(raw)) {
		if (!INTEGER.test(value)) {
			throw new ValidationError(
				`Tile ${name} must be a whole number, got "${value.slice(0, 20)}". Use /basemap/tiles/{z}/{x}/{y}.mvt.`
			);
		}
	}
	const z = Number(raw.z);
	const x = Number(raw.x);
	const y = Number(raw.y);
	if (z > SERVED_MAX_ZOOM) {
		throw new ValidationError(
			`Basemap tiles go up to zoom ${SERVED_MAX_ZOOM}; zoom ${z} was asked for.`
		);
	}
	const n = 2 ** z;
	if (x >= n || y >= n) {
		throw new ValidationError(`At zoom ${z}, tile x and y must be between 0 and ${n - 1}.`);
	}
	return { z, x, y };
}

/** Sub-pixel at 512 px tiles (8 units a pixel): invisible, and it halves coastline size. */
const TOLERANCE = 3;

async function buildTile({ z, x, y }: TileCoord): Promise<Uint8Array<ArrayBuffer>> {
	const world = await layersForTile(z, x, y);
	const box = tileMercBox(z, x, y);
	const t = tileTransform(z, x, y);

	const polygons = (parts: typeof world.land): VtFeature[] => {
		const out: VtFeature[] = [];
		for (const part of parts) {
			if (!boxesIntersect(part.box, box)) continue;
			const rings = polygonToTile(part.rings, t, TOLERANCE);
			if (rings) out.push({ type: 3, geometry: rings, tags: part.tags });
		}
		return out;
	};

	const boundaries: VtFeature[] = [];
	for (const part of world.boundaries) {
		if (!boxesIntersect(part.box, box)) continue;
		const lines = lineToTile(part.line, t, TOLERANCE);
		if (lines.length) boundaries.push({ type: 2, geometry: lines, tags: {} });
	}

	const provinces: VtFeature[] = [];
	if (z >= PROVINCES_MIN_ZOOM) {
		for (const part of PROVINCE_BORDERS) {
			if (!boxesIntersect(part.box, box)) continue;
			const lines = lineToTile(part.line, t, TOLERANCE);
			if (lines.length) provinces.push({ type: 2, geometry: lines, tags: {} });
		}
	}

	const places: VtFeature[] = [];
	for (const place of PLACES) {
		if (place.minzoom > z) continue;
		const point = pointToTile(place.mx, place.my, t);
		if (!point) continue;
		places.push({
			type: 1,
			geometry: [point],
			tags: { name_vi: place.name_vi, name_en: place.name_en, kind: place.kind, rank: place.rank }
		});
	}

	return fromGeojsonVt(
		{
			land: { features: polygons(world.land) },
			countries: { features: polygons(world.countries) },
			boundaries: { features: boundaries },
			provinces: { features: provinces },
			places: { features: places }
		},
		{ version: 2, extent: EXTENT }
	);
}

/** Least recently used first: Map keeps insertion order, a hit re-inserts. */
const cache = new Map<string, Promise<BasemapTile>>();

/** The tile's bytes and ETag; built once, then served from memory. */
export function basemapTile(coord: TileCoord): Promise<BasemapTile> {
	const key = `${coord.z}/${coord.x}/${coord.y}`;
	const hit = cache.get(key);
	if (hit) {
		cache.delete(key);
		cache.set(key, hit);
		return hit;
	}
	const tile = buildTile(coord).then((body) => ({
		body,
		etag: `"${createHash('sha1').update(body).digest('base64url')}"`
	}));
	tile.catch(() => cache.delete(key));
	cache.set(key, tile);
	if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
	return tile;
}
