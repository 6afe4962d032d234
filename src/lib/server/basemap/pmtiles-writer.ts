/**
 * A small PMTiles v3 writer (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * a 127-byte header, a gzipped root directory (plus leaf directories when the root would not
 * fit in the first 16 KiB), gzipped JSON metadata, then the tile data. Identical tiles are
 * stored once and runs of them share one directory entry, so a sea of empty tiles costs little.
 * Reading is left to the `pmtiles` package, which is what the browser uses too.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Compression, TileType, zxyToTileId } from 'pmtiles';

export { Compression, TileType };

export interface PmtilesTile {
	z: number;
	x: number;
	y: number;
	/** Already compressed as `tileCompression` says. */
	data: Uint8Array;
}

export interface PmtilesWriteOptions {
	tileType: TileType;
	tileCompression: Compression;
	/** [west, south, east, north] in degrees. */
	bounds: [number, number, number, number];
	/** [lng, lat, zoom]; defaults to the middle of the bounds at the minimum zoom. */
	center?: [number, number, number];
	/** Written as JSON; for vector tiles this should carry `vector_layers`. */
	metadata: Record<string, unknown>;
	/** Entries per leaf directory to start with (tests use a small one to force leaves). */
	leafSize?: number;
}

interface Entry {
	tileId: number;
	offset: number;
	length: number;
	runLength: number;
}

export const HEADER_BYTES = 127;
/** The header and the root directory must fit in the first 16 KiB a client reads. */
const ROOT_LIMIT = 16384 - HEADER_BYTES;

/** Unsigned LEB128; tile ids pass 2^32 from zoom 16 on, so no bit operators. */
function writeVarint(out: number[], value: number): void {
	let v = value;
	while (v >= 0x80) {
		out.push((v % 0x80) | 0x80);
		v = Math.floor(v / 0x80);
	}
	out.push(v);
}

export function serializeDirectory(entries: readonly Entry[]): Uint8Array {
	const out: number[] = [];
	writeVarint(out, entries.length);
	let lastId = 0;
	for (const e of entries) {
		writeVarint(out, e.tileId - lastId);
		lastId = e.tileId;
	}
	for (const e of entries) writeVarint(out, e.runLength);
	for (const e of entries) writeVarint(out, e.length);
	entries.forEach((e, i) => {
		const prev = entries[i - 1];
		// 0 means "right after the previous entry", which is most of them in a clustered archive.
		if (i > 0 && e.offset === prev.offset + prev.length) writeVarint(out, 0);
		else writeVarint(out, e.offset + 1);
	});
	return gzipSync(Uint8Array.from(out));
}

/** Root and leaves: leaves grow until the root pointing at them fits. */
function buildDirectories(
	entries: Entry[],
	firstLeafSize: number
): { root: Uint8Array; leaves: Uint8Array } {
	const root = serializeDirectory(entries);
	if (root.length <= ROOT_LIMIT) return { root, leaves: new Uint8Array(0) };
	for (let leafSize = firstLeafSize; ; leafSize *= 2) {
		const rootEntries: Entry[] = [];
		const parts: Uint8Array[] = [];
		let offset = 0;
		for (let i = 0; i < entries.length; i += leafSize) {
			const leaf = serializeDirectory(entries.slice(i, i + leafSize));
			rootEntries.push({ tileId: entries[i].tileId, offset, length: leaf.length, runLength: 0 });
			parts.push(leaf);
			offset += leaf.length;
		}
		const rootDir = serializeDirectory(rootEntries);
		if (rootDir.length <= ROOT_LIMIT) return { root: rootDir, leaves: concat(parts) };
	}
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
	const total = parts.reduce((n, p) => n + p.length, 0);
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

const e7 = (degrees: number) => Math.round(degrees * 1e7);

/** The whole archive in memory: fine for the regional basemaps this app writes (a few MB). */
export function writePmtiles(
	tiles: Iterable<PmtilesTile>,
	options: PmtilesWriteOptions
): Uint8Array {
	const byId = [...tiles]
		.map((t) => ({ tileId: zxyToTileId(t.z, t.x, t.y), z: t.z, data: t.data }))
		.sort((a, b) => a.tileId - b.tileId);
	if (byId.length === 0) throw new Error('A PMTiles archive needs at least one tile.');

	const entries: Entry[] = [];
	const contents: Uint8Array[] = [];
	const offsetOf = new Map<string, number>();
	let dataLength = 0;
	let minZoom = Infinity;
	let maxZoom = -Infinity;
	for (const tile of byId) {
		if (entries.length && entries[entries.length - 1].tileId === tile.tileId) {
			throw new Error(`Tile ${tile.tileId} appears twice.`);
		}
		minZoom = Math.min(minZoom, tile.z);
		maxZoom = Math.max(maxZoom, tile.z);
		const hash = createHash('sha256').update(tile.data).digest('base64');
		let offset = offsetOf.get(hash);
		if (offset === undefined) {
			offset = dataLength;
			offsetOf.set(hash, offset);
			contents.push(tile.data);
			dataLength += tile.data.length;
		}
		const last = entries[entries.length - 1];
		if (last && last.offset === offset && last.tileId + last.runLength === tile.tileId) {
			last.runLength++;
		} else {
			entries.push({ tileId: tile.tileId, offset, length: tile.data.length, runLength: 1 });
		}
	}

	const { root, leaves } = buildDirectories(entries, options.leafSize ?? 4096);
	const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'));
	const tileData = concat(contents);

	const rootOffset = HEADER_BYTES;
	const metadataOffset = rootOffset + root.length;
	const leafOffset = metadataOffset + metadata.length;
	const dataOffset = leafOffset + leaves.length;

	const [west, south, east, north] = options.bounds;
	const [centerLng, centerLat, centerZoom] = options.center ?? [
		(west + east) / 2,
		(south + north) / 2,
		minZoom
	];

	const header = new DataView(new ArrayBuffer(HEADER_BYTES));
	new Uint8Array(header.buffer).set(new TextEncoder().encode('PMTiles'), 0);
	header.setUint8(7, 3);
	const u64 = (at: number, value: number) => header.setBigUint64(at, BigInt(value), true);
	u64(8, rootOffset);
	u64(16, root.length);
	u64(24, metadataOffset);
	u64(32, metadata.length);
	u64(40, leafOffset);
	u64(48, leaves.length);
	u64(56, dataOffset);
	u64(64, tileData.length);
	u64(72, byId.length);
	u64(80, entries.length);
	u64(88, contents.length);
	header.setUint8(96, 1); // clustered: tile data is in tile-id order
	header.setUint8(97, Compression.Gzip);
	header.setUint8(98, options.tileCompression);
	header.setUint8(99, options.tileType);
	header.setUint8(100, minZoom);
	header.setUint8(101, maxZoom);
	header.setInt32(102, e7(west), true);
	header.setInt32(106, e7(south), true);
	header.setInt32(110, e7(east), true);
	header.setInt32(114, e7(north), true);
	header.setUint8(118, Math.round(centerZoom));
	header.setInt32(119, e7(centerLng), true);
	header.setInt32(123, e7(centerLat), true);

	return concat([new Uint8Array(header.buffer), root, metadata, leaves, tileData]);
}
