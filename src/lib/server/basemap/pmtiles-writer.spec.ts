import { gunzipSync } from 'node:zlib';
import { PMTiles, tileIdToZxy } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { basemapTile } from './basemap-tiles';
import { exportEmbeddedBasemap, tilesCovering } from './basemap-export';
import { BufferSource, describeArchive } from './pmtiles-archive';
import { Compression, HEADER_BYTES, TileType, writePmtiles } from './pmtiles-writer';

const read = (bytes: Uint8Array) => new PMTiles(new BufferSource(bytes));

describe('PMTiles writer, read back with the pmtiles package', () => {
	it('writes the embedded basemap (z0–3) so every tile reads back byte for byte', async () => {
		const bytes = await exportEmbeddedBasemap({ maxzoom: 3 });
		const archive = read(bytes);
		const header = await archive.getHeader();
		expect(header).toMatchObject({
			specVersion: 3,
			rootDirectoryOffset: HEADER_BYTES,
			tileType: TileType.Mvt,
			tileCompression: Compression.Gzip,
			internalCompression: Compression.Gzip,
			minZoom: 0,
			maxZoom: 3,
			clustered: true,
			numAddressedTiles: 1 + 4 + 16 + 64,
			centerZoom: 5
		});
		expect(header.minLon).toBeCloseTo(85, 5);
		expect(header.maxLat).toBeCloseTo(38, 5);
		// Ocean tiles are identical: stored once.
		expect(header.numTileContents).toBeLessThan(header.numAddressedTiles);

		for (const [z, x, y] of [
			[0, 0, 0],
			[2, 3, 1],
			[3, 6, 3],
			[3, 0, 7]
		]) {
			const tile = await archive.getZxy(z, x, y);
			expect(tile, `${z}/${x}/${y}`).toBeDefined();
			// The protocol hands tiles over decompressed, as the browser receives them.
			expect(Buffer.from(tile!.data)).toEqual(Buffer.from((await basemapTile({ z, x, y })).body));
		}
		expect(await archive.getZxy(4, 0, 0)).toBeUndefined();

		const metadata = (await archive.getMetadata()) as { vector_layers: { id: string }[] };
		expect(metadata.vector_layers.map((l) => l.id)).toEqual([
			'land',
			'countries',
			'boundaries',
			'provinces',
			'places'
		]);
		expect(await describeArchive(new BufferSource(bytes))).toMatchObject({
			schema: 'embedded',
			minzoom: 0,
			maxzoom: 3
		});
	});

	it('stores repeated tiles once and folds runs of them into one entry', async () => {
		const same = new Uint8Array([1, 2, 3]);
		const tiles = tilesCovering(4, [-180, -85, 180, 85]).map((c) => ({ ...c, data: same }));
		const bytes = writePmtiles(tiles, {
			tileType: TileType.Png,
			tileCompression: Compression.None,
			bounds: [-180, -85, 180, 85],
			metadata: {}
		});
		const header = await read(bytes).getHeader();
		expect(header.numAddressedTiles).toBe(256);
		expect(header.numTileContents).toBe(1);
		expect(header.numTileEntries).toBe(1);
		expect(header.tileDataLength).toBe(3);
		const tile = await read(bytes).getZxy(4, 9, 5);
		expect(Array.from(new Uint8Array(tile!.data))).toEqual([1, 2, 3]);
	});

	it('moves entries into leaf directories when the root would pass 16 KiB', async () => {
		// 40,000 distinct tiles at irregular ids and sizes: a root of them is far over 16 KiB.
		let seed = 7;
		const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
		const ids: number[] = [];
		for (let i = 0, id = 1; i < 40_000; i++, id += 1 + random(60)) ids.push(id);
		const tiles = ids.map((id, i) => {
			const [z, x, y] = tileIdToZxy(id);
			const data = new Uint8Array(4 + random(16));
			new DataView(data.buffer).setUint32(0, i);
			return { z, x, y, data };
		});
		const bytes = writePmtiles(tiles, {
			tileType: TileType.Png,
			tileCompression: Compression.None,
			bounds: [-180, -85, 180, 85],
			metadata: { name: 'leaves' },
			leafSize: 1000
		});
		const archive = read(bytes);
		const header = await archive.getHeader();
		expect(header.leafDirectoryLength).toBeGreaterThan(0);
		expect(header.rootDirectoryLength).toBeLessThanOrEqual(16384 - HEADER_BYTES);
		for (const i of [0, 1, 999, 1000, 20_001, 39_999]) {
			const [z, x, y] = tileIdToZxy(ids[i]);
			const tile = await archive.getZxy(z, x, y);
			expect(new DataView(tile!.data).getUint32(0)).toBe(i);
		}
		// An id in a gap between two tiles is absent.
		const gap = ids.findIndex((id, i) => ids[i + 1] - id > 1);
		const [z, x, y] = tileIdToZxy(ids[gap] + 1);
		expect(await archive.getZxy(z, x, y)).toBeUndefined();
		expect(await archive.getMetadata()).toEqual({ name: 'leaves' });
	});

	it('gzips what it says it gzips', async () => {
		const bytes = await exportEmbeddedBasemap({ maxzoom: 0 });
		const header = await read(bytes).getHeader();
		const raw = bytes.slice(header.tileDataOffset, header.tileDataOffset + header.tileDataLength!);
		expect(gunzipSync(raw).length).toBe((await basemapTile({ z: 0, x: 0, y: 0 })).body.length);
	});

	it('refuses an empty archive and a tile given twice', () => {
		const options = {
			tileType: TileType.Png,
			tileCompression: Compression.None,
			bounds: [0, 0, 1, 1] as [number, number, number, number],
			metadata: {}
		};
		expect(() => writePmtiles([], options)).toThrow(/at least one tile/);
		const tile = { z: 1, x: 0, y: 0, data: new Uint8Array([1]) };
		expect(() => writePmtiles([tile, tile], options)).toThrow(/twice/);
	});
});
