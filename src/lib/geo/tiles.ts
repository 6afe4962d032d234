/**
 * Web-mercator tile math shared by both engines' tile queries and the tile service: z/x/y checks,
 * a tile's lng/lat bounds (split at the antimeridian like any bbox), and the projection of a
 * point into tile units (0..extent, y down), so SQLite and PostGIS put a feature on the same unit.
 */
import type { BBox } from '$lib/domain/types';

export interface TileCoord {
	z: number;
	x: number;
	y: number;
}

export const MAX_TILE_ZOOM = 22;
export const TILE_EXTENT = 4096;
/** Units drawn beyond each tile edge, so symbols on a seam are not cut in half. */
export const TILE_BUFFER = 64;
/** Web mercator's latitude limit: the world is a square, the poles are left out. */
export const MAX_MERCATOR_LAT = 85.0511287798066;
/** Half the equator in EPSG:3857 metres. */
export const MERCATOR_HALF_WORLD = 20037508.342789244;
export const MERCATOR_RADIUS = 6378137;

/** null when valid; otherwise a message naming the bad part and the range that would work. */
export function tileProblem({ z, x, y }: TileCoord): string | null {
	if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
		return `Tile zoom must be a whole number from 0 to ${MAX_TILE_ZOOM}; got ${String(z)}`;
	}
	const last = 2 ** z - 1;
	if (!Number.isInteger(x) || x < 0 || x > last) {
		return `Tile x=${String(x)} is outside zoom ${z} (0–${last})`;
	}
	if (!Number.isInteger(y) || y < 0 || y > last) {
		return `Tile y=${String(y)} is outside zoom ${z} (0–${last})`;
	}
	return null;
}

/** null when `extent` is a usable MVT extent (a power of two from 256 to 16384). */
export function extentProblem(extent: number): string | null {
	return Number.isInteger(extent) &&
		extent >= 256 &&
		extent <= 16384 &&
		(extent & (extent - 1)) === 0
		? null
		: `Tile extent must be a power of two from 256 to 16384; got ${String(extent)}`;
}

/** Mercator y of a latitude as a share of the world (0 at the north edge, 1 at the south). */
export function worldY(lat: number): number {
	const clamped = Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
	return (1 - Math.log(Math.tan(Math.PI / 4 + (clamped * Math.PI) / 360)) / Math.PI) / 2;
}

function latOfWorldY(wy: number): number {
	const lat = (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI;
	return Math.max(-MAX_MERCATOR_LAT, Math.min(MAX_MERCATOR_LAT, lat));
}

/** The tile's lng/lat bounds (edges inclusive), without buffer. */
export function tileBBox({ z, x, y }: TileCoord): BBox {
	const n = 2 ** z;
	return {
		west: (x / n) * 360 - 180,
		east: ((x + 1) / n) * 360 - 180,
		north: latOfWorldY(y / n),
		south: latOfWorldY((y + 1) / n)
	};
}

/**
 * A plain lng/lat box to search, and the degrees to add to a point's longitude found in it before
 * projecting: a buffer reaching past ±180 wraps to the other side of the world, where the points
 * must be drawn next to this tile (at x < 0 or x > extent), not a world away.
 */
export interface TileSearchBox extends BBox {
	shift: -360 | 0 | 360;
}

/** The boxes to search for a tile with `buffer` units around it. Never more than two. */
export function tileSearchBoxes(
	tile: TileCoord,
	buffer = TILE_BUFFER,
	extent = TILE_EXTENT
): TileSearchBox[] {
	const n = 2 ** tile.z;
	const pad = buffer / extent;
	const west = ((tile.x - pad) / n) * 360 - 180;
	const east = ((tile.x + 1 + pad) / n) * 360 - 180;
	const north = latOfWorldY((tile.y - pad) / n);
	const south = latOfWorldY((tile.y + 1 + pad) / n);
	// At zoom 0 the one tile is the whole world; wrapping would draw every point twice.
	if (n === 1) return [{ west: -180, east: 180, south, north, shift: 0 }];
	if (west < -180) {
		return [
			{ west: west + 360, east: 180, south, north, shift: -360 },
			{ west: -180, east, south, north, shift: 0 }
		];
	}
	if (east > 180) {
		return [
			{ west, east: 180, south, north, shift: 0 },
			{ west: -180, east: east - 360, south, north, shift: 360 }
		];
	}
	return [{ west, east, south, north, shift: 0 }];
}

/**
 * A point in tile units (not rounded): x from the west edge, y from the north edge; the buffer
 * gives negative values or values above `extent`. `shift` comes from the search box that found it.
 */
export function projectToTile(
	lng: number,
	lat: number,
	{ z, x, y }: TileCoord,
	extent = TILE_EXTENT,
	shift = 0
): [number, number] {
	const n = 2 ** z;
	return [(((lng + shift + 180) / 360) * n - x) * extent, (worldY(lat) * n - y) * extent];
}

/** True when the projected point lies inside the tile or its buffer (edges inclusive). */
export function withinBuffer(
	[px, py]: [number, number],
	buffer = TILE_BUFFER,
	extent = TILE_EXTENT
) {
	return px >= -buffer && px <= extent + buffer && py >= -buffer && py <= extent + buffer;
}

/** The item layer's shape, shared by both engines (see TileRepository). */
export const ITEM_TILE_LAYER = 'items';
/** At this zoom and below, items are aggregated on a grid; above it each item is a feature. */
export const CLUSTER_MAX_ZOOM = 12;
/**
 * Grid cells per tile side when aggregating (cells of ~68 units, about a symbol). With the 64-unit
 * buffer a tile spans at most (60 + 2)² = 3 844 cells, under MAX_TILE_FEATURES, so aggregation
 * never drops a cell. The grid is aligned across tiles (a tile is exactly 60 cells), so a cluster
 * on a seam is the same in both tiles.
 */
export const CLUSTER_GRID = 60;
/**
 * No tile carries more features than this (keeps every tile under 500 KB). Above
 * CLUSTER_MAX_ZOOM a tile with more items than this is aggregated on CLUSTER_GRID instead.
 */
export const MAX_TILE_FEATURES = 4096;

/** Grid cells per side for a tile, or null when every item is its own feature. */
export function clusterGrid(z: number): number | null {
	return z <= CLUSTER_MAX_ZOOM ? CLUSTER_GRID : null;
}

/** The tile at zoom `z` that holds the point (a point on a seam belongs to the east/south tile). */
export function tileContaining(lng: number, lat: number, z: number): TileCoord {
	const n = 2 ** z;
	const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v)));
	return { z, x: clamp(((lng + 180) / 360) * n), y: clamp(worldY(lat) * n) };
}
