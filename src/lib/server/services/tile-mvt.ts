/**
 * A small Mapbox Vector Tile (v2) encoder for the item layer: one layer of point features, each
 * with an optional id and string/number tags. Written straight into a pbf buffer; vt-pbf builds a
 * geojson-vt wrapper and several objects per feature, which made encoding the largest cost of a
 * z13 tile with thousands of items. Values are written as vt-pbf writes them (strings, unsigned
 * varints for whole numbers ≥ 0, zigzag for negative, doubles otherwise), so tiles decode the same.
 */
import { PbfWriter } from 'pbf';

export interface PointFeature {
	/** Tile units; rounded here. */
	x: number;
	y: number;
	id?: number;
	tags: Record<string, string | number>;
}

const MOVE_TO_ONE = (1 & 0x7) | (1 << 3);
/** Strings longer than this are not looked up for sharing (see valueIndex). */
const UNSHARED_STRING = 24;

/** The tile bytes (empty when there are no features, which the route answers with 204). */
export function encodePointTile(layer: string, extent: number, features: PointFeature[]): Buffer {
	if (features.length === 0) return Buffer.alloc(0);
	const keys = new Map<string, number>();
	const strings = new Map<string, number>();
	const numbers = new Map<number, number>();
	const values: Array<string | number> = [];
	const valueIndex = (v: string | number): number => {
		// Long strings (titles) are unique to their item: a table entry each, no hashing.
		if (typeof v === 'string' && v.length > UNSHARED_STRING) {
			values.push(v);
			return values.length - 1;
		}
		const table = typeof v === 'string' ? strings : numbers;
		let i = (table as Map<string | number, number>).get(v);
		if (i === undefined) {
			i = values.length;
			values.push(v);
			(table as Map<string | number, number>).set(v, i);
		}
		return i;
	};
	const pbf = new PbfWriter();
	const current = { f: features[0], tags: [] as number[] };
	pbf.writeMessage(
		3,
		(_: null, out: PbfWriter) => {
			out.writeVarintField(15, 2);
			out.writeStringField(1, layer);
			for (const f of features) {
				// One tag array and one context for all features: thousands per tile, little garbage.
				current.f = f;
				current.tags.length = 0;
				for (const key in f.tags) {
					let k = keys.get(key);
					if (k === undefined) {
						k = keys.size;
						keys.set(key, k);
					}
					current.tags.push(k, valueIndex(f.tags[key]));
				}
				out.writeMessage(2, writeFeature, current);
			}
			for (const key of keys.keys()) out.writeStringField(3, key);
			for (const v of values) out.writeMessage(4, writeValue, v);
			out.writeVarintField(5, extent);
		},
		null
	);
	const bytes = pbf.finish();
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const geometry = [MOVE_TO_ONE, 0, 0];

function writeFeature({ f, tags }: { f: PointFeature; tags: number[] }, out: PbfWriter): void {
	if (f.id !== undefined) out.writeVarintField(1, f.id);
	out.writePackedVarint(2, tags);
	out.writeVarintField(3, 1);
	geometry[1] = zigzag(Math.round(f.x));
	geometry[2] = zigzag(Math.round(f.y));
	out.writePackedVarint(4, geometry);
}

function writeValue(v: string | number, out: PbfWriter): void {
	if (typeof v === 'string') out.writeStringField(1, v);
	else if (v % 1 !== 0) out.writeDoubleField(3, v);
	else if (v < 0) out.writeSVarintField(6, v);
	else out.writeVarintField(5, v);
}

function zigzag(n: number): number {
	return (n << 1) ^ (n >> 31);
}
