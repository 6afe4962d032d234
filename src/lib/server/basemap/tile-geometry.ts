/**
 * Pure geometry for encoding vector tiles: Web Mercator projection, clipping to a buffered tile
 * square, rounding and a cheap distance simplification. Coordinates are pre-projected once to
 * the unit square ("merc": x, y in 0..1, y down) so a tile only scales and shifts them.
 */

export const EXTENT = 4096;
/** Tile units kept outside the tile so strokes and fills join without seams. */
export const BUFFER = 64;
const MAX_LAT = 85.0511287798066;

export type TilePoint = [number, number];
export type TileRing = TilePoint[];

/** [minX, minY, maxX, maxY] in merc units. */
export type MercBox = [number, number, number, number];

export function mercX(lng: number): number {
	return (lng + 180) / 360;
}

export function mercY(lat: number): number {
	const clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
	const rad = (clamped * Math.PI) / 180;
	return (1 - Math.log(Math.tan(Math.PI / 4 + rad / 2)) / Math.PI) / 2;
}

/** Flat [x0, y0, x1, y1, ...] merc coordinates of a lng/lat line. */
export function projectLine(coords: readonly (readonly number[])[]): Float64Array {
	const out = new Float64Array(coords.length * 2);
	for (let i = 0; i < coords.length; i++) {
		out[i * 2] = mercX(coords[i][0]);
		out[i * 2 + 1] = mercY(coords[i][1]);
	}
	return out;
}

export function boxOf(flat: Float64Array): MercBox {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i < flat.length; i += 2) {
		if (flat[i] < minX) minX = flat[i];
		if (flat[i] > maxX) maxX = flat[i];
		if (flat[i + 1] < minY) minY = flat[i + 1];
		if (flat[i + 1] > maxY) maxY = flat[i + 1];
	}
	return [minX, minY, maxX, maxY];
}

export function boxesIntersect(a: MercBox, b: MercBox): boolean {
	return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** Where tile z/x/y sits in merc units, widened by the buffer. */
export function tileMercBox(z: number, x: number, y: number): MercBox {
	const size = 1 / 2 ** z;
	const pad = (size * BUFFER) / EXTENT;
	return [x * size - pad, y * size - pad, (x + 1) * size + pad, (y + 1) * size + pad];
}

export interface TileTransform {
	scale: number;
	offsetX: number;
	offsetY: number;
}

export function tileTransform(z: number, x: number, y: number): TileTransform {
	return { scale: 2 ** z * EXTENT, offsetX: x * EXTENT, offsetY: y * EXTENT };
}

function toTile(flat: Float64Array, t: TileTransform): TilePoint[] {
	const out: TilePoint[] = new Array(flat.length / 2);
	for (let i = 0; i < flat.length; i += 2) {
		out[i / 2] = [flat[i] * t.scale - t.offsetX, flat[i + 1] * t.scale - t.offsetY];
	}
	return out;
}

type Inside = (p: TilePoint) => boolean;
type Cross = (a: TilePoint, b: TilePoint) => TilePoint;

/** One Sutherland–Hodgman pass against a single edge of the clip square. */
function clipEdge(ring: TilePoint[], inside: Inside, cross: Cross): TilePoint[] {
	const out: TilePoint[] = [];
	for (let i = 0; i < ring.length; i++) {
		const cur = ring[i];
		const prev = ring[(i + ring.length - 1) % ring.length];
		const curIn = inside(cur);
		if (curIn) {
			if (!inside(prev)) out.push(cross(prev, cur));
			out.push(cur);
		} else if (inside(prev)) {
			out.push(cross(prev, cur));
		}
	}
	return out;
}

const atX = (a: TilePoint, b: TilePoint, x: number): TilePoint => [
	x,
	a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0])
];
const atY = (a: TilePoint, b: TilePoint, y: number): TilePoint => [
	a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]),
	y
];

/**
 * Clips an open ring (no repeated closing point) to a rectangle. A ring larger than the
 * rectangle becomes the rectangle, which is what a fill needs.
 */
export function clipRing(ring: TilePoint[], r: MercBox): TilePoint[] {
	const [x0, y0, x1, y1] = r;
	let out = ring;
	out = clipEdge(
		out,
		(p) => p[0] >= x0,
		(a, b) => atX(a, b, x0)
	);
	if (out.length)
		out = clipEdge(
			out,
			(p) => p[0] <= x1,
			(a, b) => atX(a, b, x1)
		);
	if (out.length)
		out = clipEdge(
			out,
			(p) => p[1] >= y0,
			(a, b) => atY(a, b, y0)
		);
	if (out.length)
		out = clipEdge(
			out,
			(p) => p[1] <= y1,
			(a, b) => atY(a, b, y1)
		);
	return out;
}

/** Liang–Barsky: the part of segment a→b inside the rectangle, or null. */
function clipSegment(a: TilePoint, b: TilePoint, r: MercBox): [TilePoint, TilePoint] | null {
	const dx = b[0] - a[0];
	const dy = b[1] - a[1];
	let t0 = 0;
	let t1 = 1;
	const checks: [number, number][] = [
		[-dx, a[0] - r[0]],
		[dx, r[2] - a[0]],
		[-dy, a[1] - r[1]],
		[dy, r[3] - a[1]]
	];
	for (const [p, q] of checks) {
		if (p === 0) {
			if (q < 0) return null;
		} else {
			const r = q / p;
			if (p < 0) {
				if (r > t1) return null;
				if (r > t0) t0 = r;
			} else {
				if (r < t0) return null;
				if (r < t1) t1 = r;
			}
		}
	}
	return [
		[a[0] + t0 * dx, a[1] + t0 * dy],
		[a[0] + t1 * dx, a[1] + t1 * dy]
	];
}

/** Clips a line to a rectangle; leaving and re-entering it splits the line. */
export function clipLine(line: TilePoint[], r: MercBox): TilePoint[][] {
	const parts: TilePoint[][] = [];
	let current: TilePoint[] | null = null;
	for (let i = 1; i < line.length; i++) {
		const seg = clipSegment(line[i - 1], line[i], r);
		if (!seg) {
			current = null;
			continue;
		}
		const last: TilePoint | undefined = current?.[current.length - 1];
		if (current && last && last[0] === seg[0][0] && last[1] === seg[0][1]) {
			current.push(seg[1]);
		} else {
			current = [seg[0], seg[1]];
			parts.push(current);
		}
		// A segment cut at its end leaves the square: the next piece starts a new line.
		if (seg[1][0] !== line[i][0] || seg[1][1] !== line[i][1]) current = null;
	}
	return parts;
}

/** Rounds to integer tile units and drops points closer than `tolerance` to the last kept one. */
export function roundAndThin(points: TilePoint[], tolerance: number): TilePoint[] {
	const out: TilePoint[] = [];
	const tol2 = tolerance * tolerance;
	for (const p of points) {
		const q: TilePoint = [Math.round(p[0]), Math.round(p[1])];
		const last = out[out.length - 1];
		if (last) {
			const dx = q[0] - last[0];
			const dy = q[1] - last[1];
			if (dx * dx + dy * dy < tol2 || (dx === 0 && dy === 0)) continue;
		}
		out.push(q);
	}
	return out;
}

/** Surveyor's formula in tile coordinates (y down): the MVT spec wants exteriors positive. */
export function signedArea(ring: TilePoint[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
		sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
	}
	return sum / 2;
}

const TILE_CLIP: MercBox = [-BUFFER, -BUFFER, EXTENT + BUFFER, EXTENT + BUFFER];

/**
 * A polygon (exterior first, then holes, each an open flat merc ring) as closed tile rings with
 * the winding the MVT spec requires, or null when nothing of it is left in the tile.
 */
export function polygonToTile(
	rings: Float64Array[],
	t: TileTransform,
	tolerance: number
): TileRing[] | null {
	const out: TileRing[] = [];
	for (let i = 0; i < rings.length; i++) {
		let ring = roundAndThin(clipRing(toTile(rings[i], t), TILE_CLIP), tolerance);
		if (ring.length < 3) {
			if (i === 0) return null;
			continue;
		}
		const area = signedArea(ring);
		if (Math.abs(area) < 1) {
			if (i === 0) return null;
			continue;
		}
		const wantPositive = i === 0;
		if (area > 0 !== wantPositive) ring = ring.reverse();
		ring.push([ring[0][0], ring[0][1]]);
		out.push(ring);
	}
	return out.length ? out : null;
}

export function lineToTile(flat: Float64Array, t: TileTransform, tolerance: number): TileRing[] {
	return clipLine(toTile(flat, t), TILE_CLIP)
		.map((part) => roundAndThin(part, tolerance))
		.filter((part) => part.length >= 2);
}

const toPoints = (flat: Float64Array): TilePoint[] =>
	Array.from({ length: flat.length / 2 }, (_, i) => [flat[i * 2], flat[i * 2 + 1]]);

const toFlat = (points: TilePoint[]): Float64Array => Float64Array.from(points.flat());

/**
 * A polygon cut to a merc box, still in merc units and unrounded: a parent's share of a
 * continent, so the many tiles below it clip a few hundred points instead of Eurasia's coast.
 */
export function clipPolygonToBox(rings: Float64Array[], box: MercBox): Float64Array[] | null {
	const out: Float64Array[] = [];
	for (let i = 0; i < rings.length; i++) {
		const ring = clipRing(toPoints(rings[i]), box);
		if (ring.length < 3) {
			if (i === 0) return null;
			continue;
		}
		out.push(toFlat(ring));
	}
	return out;
}

export function clipLineToBox(flat: Float64Array, box: MercBox): Float64Array[] {
	return clipLine(toPoints(flat), box).map(toFlat);
}

/** A point's tile position, or null when it lies outside the tile itself (no buffer: no twins). */
export function pointToTile(mx: number, my: number, t: TileTransform): TilePoint | null {
	const px = mx * t.scale - t.offsetX;
	const py = my * t.scale - t.offsetY;
	if (px < 0 || py < 0 || px >= EXTENT || py >= EXTENT) return null;
	return [Math.round(px), Math.round(py)];
}
