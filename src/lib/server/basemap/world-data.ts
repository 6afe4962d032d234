/**
 * Natural Earth land, countries and borders from the `world-atlas` npm package, pre-projected to
 * merc units once per process. Three resolutions, picked by zoom: 110m for a world view, 50m for
 * the region, 10m when provinces fill the screen.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { feature, mesh } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import {
	boxOf,
	boxesIntersect,
	clipLineToBox,
	clipPolygonToBox,
	mercX,
	mercY,
	projectLine,
	tileMercBox,
	type MercBox
} from './tile-geometry';

export type Resolution = '110m' | '50m' | '10m';

export interface PolygonPart {
	rings: Float64Array[];
	box: MercBox;
	tags: Record<string, string | number | boolean>;
}

export interface LinePart {
	line: Float64Array;
	box: MercBox;
}

export interface WorldLayers {
	land: PolygonPart[];
	countries: PolygonPart[];
	boundaries: LinePart[];
}

/** ISO 3166 numeric code of Vietnam in Natural Earth / world-atlas. */
export const VIETNAM_ID = '704';

/**
 * Countries and borders are kept only around Vietnam: the map is about Vietnam and its
 * neighbours, and the world's land alone draws the rest.
 */
const REGION: MercBox = [mercX(85), mercY(38), mercX(140), mercY(-12)];

const require = createRequire(import.meta.url);

async function readTopology(file: string): Promise<Topology> {
	const path = require.resolve(`world-atlas/${file}`);
	return JSON.parse(await readFile(path, 'utf8')) as Topology;
}

/** Drops the repeated closing point: clipping works on open rings. */
function openRing(ring: number[][]): number[][] {
	const first = ring[0];
	const last = ring[ring.length - 1];
	return ring.length > 1 && first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring;
}

function polygonsOf(geometry: Polygon | MultiPolygon | null): number[][][][] {
	if (!geometry) return [];
	return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function toParts(
	features: Feature<Polygon | MultiPolygon | null>[],
	tagsOf: (f: Feature<Polygon | MultiPolygon | null>) => PolygonPart['tags']
): PolygonPart[] {
	const parts: PolygonPart[] = [];
	for (const f of features) {
		for (const polygon of polygonsOf(f.geometry)) {
			const rings = polygon.map((ring) => projectLine(openRing(ring)));
			if (rings[0].length < 6) continue;
			parts.push({ rings, box: boxOf(rings[0]), tags: tagsOf(f) });
		}
	}
	return parts;
}

function featuresOf(topology: Topology, name: string): Feature<Polygon | MultiPolygon | null>[] {
	const object = topology.objects[name] as GeometryCollection;
	const fc = feature(topology, object);
	return ('features' in fc ? fc.features : [fc]) as Feature<Polygon | MultiPolygon | null>[];
}

async function loadResolution(resolution: Resolution): Promise<WorldLayers> {
	const [landTopo, countriesTopo] = await Promise.all([
		readTopology(`land-${resolution}.json`),
		readTopology(`countries-${resolution}.json`)
	]);
	const land = toParts(featuresOf(landTopo, 'land'), () => ({}));
	const countries = toParts(featuresOf(countriesTopo, 'countries'), (f) => ({
		id: String(f.id ?? ''),
		name: String(f.properties?.name ?? ''),
		vietnam: f.id === VIETNAM_ID
	})).filter((part) => boxesIntersect(part.box, REGION));
	const borders = mesh(
		countriesTopo,
		countriesTopo.objects.countries as GeometryCollection,
		(a, b) => a !== b
	) as MultiLineString;
	const boundaries: LinePart[] = [];
	for (const coords of borders.coordinates) {
		const line = projectLine(coords);
		const box = boxOf(line);
		if (boxesIntersect(box, REGION)) boundaries.push({ line, box });
	}
	return { land, countries, boundaries };
}

const loaded = new Map<Resolution, Promise<WorldLayers>>();

/** Loads a resolution on first use and keeps it for the life of the process. */
export function worldLayers(resolution: Resolution): Promise<WorldLayers> {
	let layers = loaded.get(resolution);
	if (!layers) {
		layers = loadResolution(resolution);
		// A failed read must not poison the cache: the next request tries again.
		layers.catch(() => loaded.delete(resolution));
		loaded.set(resolution, layers);
	}
	return layers;
}

export function resolutionForZoom(z: number): Resolution {
	if (z <= 2) return '110m';
	if (z <= 5) return '50m';
	return '10m';
}

/**
 * Tiles below this zoom read the whole resolution; deeper tiles read their ancestor's share,
 * cut once and kept, because clipping a continent's coastline per tile costs ~80 ms.
 */
const ANCESTOR_ZOOM = 5;
const ANCESTOR_LIMIT = 256;
const ancestors = new Map<string, Promise<WorldLayers>>();

function cutToBox(world: WorldLayers, box: MercBox): WorldLayers {
	const polygons = (parts: PolygonPart[]): PolygonPart[] => {
		const out: PolygonPart[] = [];
		for (const part of parts) {
			if (!boxesIntersect(part.box, box)) continue;
			const rings = clipPolygonToBox(part.rings, box);
			if (rings) out.push({ rings, box: boxOf(rings[0]), tags: part.tags });
		}
		return out;
	};
	const boundaries: LinePart[] = [];
	for (const part of world.boundaries) {
		if (!boxesIntersect(part.box, box)) continue;
		for (const line of clipLineToBox(part.line, box)) boundaries.push({ line, box: boxOf(line) });
	}
	return { land: polygons(world.land), countries: polygons(world.countries), boundaries };
}

/** The data a tile needs: everything at low zoom, its ancestor's cut-out deeper down. */
export async function layersForTile(z: number, x: number, y: number): Promise<WorldLayers> {
	const world = worldLayers(resolutionForZoom(z));
	if (z <= ANCESTOR_ZOOM) return world;
	const shift = z - ANCESTOR_ZOOM;
	const ax = x >> shift;
	const ay = y >> shift;
	const key = `${resolutionForZoom(z)}/${ax}/${ay}`;
	let cut = ancestors.get(key);
	if (!cut) {
		cut = world.then((w) => cutToBox(w, tileMercBox(ANCESTOR_ZOOM, ax, ay)));
		cut.catch(() => ancestors.delete(key));
		ancestors.set(key, cut);
		if (ancestors.size > ANCESTOR_LIMIT) ancestors.delete(ancestors.keys().next().value as string);
	}
	return cut;
}
