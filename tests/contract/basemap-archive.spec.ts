/**
 * The PMTiles basemap served from each media store: the same byte ranges, ETags and tiles from
 * local disk and from S3 (s3rver on loopback), read by the pmtiles decoder the browser uses.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportEmbeddedBasemap } from '../../src/lib/server/basemap/basemap-export';
import { BasemapService, PMTILES_CONTENT_TYPE } from '../../src/lib/server/basemap/basemap.service';
import { basemapTile } from '../../src/lib/server/basemap/basemap-tiles';
import { MediaStoreSource } from '../../src/lib/server/basemap/pmtiles-archive';
import { LocalDiskMediaStore } from '../../src/lib/server/media/local-disk.media-store';
import type { MediaStore } from '../../src/lib/server/media/media-store';
import { S3MediaStore } from '../../src/lib/server/media/s3.media-store';

const KEY = 'basemap/contract.pmtiles';

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

let archive: Uint8Array;
beforeAll(async () => {
	archive = await exportEmbeddedBasemap({ maxzoom: 2 });
});

const stores: [string, () => Promise<{ store: MediaStore; close: () => Promise<void> }>][] = [
	[
		'local-disk',
		async () => {
			const dir = await mkdtemp(path.join(tmpdir(), 'disan-basemap-'));
			const store = new LocalDiskMediaStore(dir);
			await store.init();
			return { store, close: () => rm(dir, { recursive: true, force: true }) };
		}
	],
	[
		's3 (s3rver)',
		async () => {
			const store = new S3MediaStore({
				endpoint: inject('s3Endpoint'),
				region: 'us-east-1',
				bucket: `disan-basemap-${randomUUID()}`,
				credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
				forcePathStyle: true
			});
			await store.ensureBucket();
			return { store, close: async () => store.destroy() };
		}
	]
];

describe.each(stores)('PMTiles basemap on %s', (_name, open) => {
	let store: MediaStore;
	let close: () => Promise<void>;
	let service: BasemapService;

	beforeAll(async () => {
		({ store, close } = await open());
		await store.put(KEY, Buffer.from(archive), PMTILES_CONTENT_TYPE);
		service = new BasemapService({ store, archiveKey: KEY });
	});
	afterAll(() => close());

	const request = (range: string | null, extra: { ifNoneMatch?: string } = {}) =>
		service.serveArchive({
			method: 'GET',
			range,
			ifRange: null,
			ifNoneMatch: extra.ifNoneMatch ?? null
		});

	it('serves byte ranges with their exact bytes', async () => {
		const reply = await request('bytes=127-1126');
		expect(reply.status).toBe(206);
		if (reply.status !== 206) return;
		expect(reply.range).toEqual({ start: 127, end: 1126 });
		expect(reply.size).toBe(archive.length);
		expect(await readAll(reply.body!.stream)).toEqual(Buffer.from(archive.slice(127, 1127)));
	});

	it('gives a strong ETag from the stored SHA-256, and 304 for it', async () => {
		const reply = await request(null);
		expect(reply.etag).toMatch(/^"[0-9a-f]{64}"$/);
		if (reply.status === 200) reply.body!.stream.destroy();
		expect((await request(null, { ifNoneMatch: reply.etag })).status).toBe(304);
	});

	it('is 416 for a range past the end', async () => {
		const reply = await request(`bytes=${archive.length + 10}-`);
		expect(reply).toMatchObject({ status: 416, size: archive.length });
	});

	it('reads back with the pmtiles decoder, tile for tile', async () => {
		const client = new PMTiles(new MediaStoreSource(store, KEY));
		expect((await client.getHeader()).maxZoom).toBe(2);
		const tile = await client.getZxy(2, 3, 1);
		expect(Buffer.from(tile!.data)).toEqual(
			Buffer.from((await basemapTile({ z: 2, x: 3, y: 1 })).body)
		);
	});

	it('describes the archive for the style: our own layer schema', async () => {
		expect(await service.describe()).toMatchObject({ schema: 'embedded', maxzoom: 2 });
		const style = await service.style('http://127.0.0.1:4173');
		expect(style.sources.basemap).toMatchObject({
			url: 'pmtiles://http://127.0.0.1:4173/basemap/archive.pmtiles'
		});
	});
});
