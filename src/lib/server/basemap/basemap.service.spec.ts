import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FetchSource, PMTiles } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, HEAD } from '../../../routes/basemap/archive.pmtiles/+server';
import { GET as styleGET } from '../../../routes/basemap/style.json/+server';
import { parseConfig } from '../config';
import { NotFoundError } from '../errors';
import { LocalDiskMediaStore } from '../media/local-disk.media-store';
import { exportEmbeddedBasemap } from './basemap-export';
import { BasemapService, PMTILES_CONTENT_TYPE } from './basemap.service';
import { basemapTile } from './basemap-tiles';
import { Compression, TileType, writePmtiles } from './pmtiles-writer';

const KEY = 'basemap/test.pmtiles';
const ORIGIN = 'http://127.0.0.1:4173';

let root: string;
let store: LocalDiskMediaStore;
let archive: Uint8Array;
let service: BasemapService;

beforeAll(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'disan-basemap-'));
	store = new LocalDiskMediaStore(root);
	await store.init();
	archive = await exportEmbeddedBasemap({ maxzoom: 2 });
	await store.put(KEY, Buffer.from(archive), PMTILES_CONTENT_TYPE);
	service = new BasemapService({ store, archiveKey: KEY });
});

afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

/** Calls a route handler the way SvelteKit does, with only what these routes read. */
function call(
	handler: (event: never) => Response | Promise<Response>,
	basemap: BasemapService,
	headers: Record<string, string> = {},
	url = `${ORIGIN}/basemap/archive.pmtiles`
): Promise<Response> {
	const event = {
		request: new Request(url, { headers }),
		url: new URL(url),
		locals: { services: { basemap } }
	};
	return Promise.resolve(handler(event as never));
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe('/basemap/archive.pmtiles', () => {
	it('answers a byte range with 206, Content-Range, Accept-Ranges and a strong ETag', async () => {
		const res = await call(GET, service, { range: 'bytes=0-126' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-range')).toBe(`bytes 0-126/${archive.length}`);
		expect(res.headers.get('content-length')).toBe('127');
		expect(res.headers.get('accept-ranges')).toBe('bytes');
		expect(res.headers.get('content-type')).toBe(PMTILES_CONTENT_TYPE);
		const expected = createHash('sha256').update(archive).digest('hex');
		expect(res.headers.get('etag')).toBe(`"${expected}"`);
		expect(await bytesOf(res)).toEqual(archive.slice(0, 127));
	});

	it('serves suffix and open-ended ranges, and the whole file without a Range', async () => {
		const tail = await call(GET, service, { range: 'bytes=-10' });
		expect(tail.status).toBe(206);
		expect(await bytesOf(tail)).toEqual(archive.slice(-10));
		const open = await call(GET, service, { range: `bytes=${archive.length - 5}-` });
		expect(await bytesOf(open)).toEqual(archive.slice(-5));
		const whole = await call(GET, service);
		expect(whole.status).toBe(200);
		expect(whole.headers.get('content-length')).toBe(String(archive.length));
		expect(await bytesOf(whole)).toEqual(archive);
	});

	it('is 416 with Content-Range */size for a range past the end', async () => {
		const res = await call(GET, service, { range: `bytes=${archive.length}-` });
		expect(res.status).toBe(416);
		expect(res.headers.get('content-range')).toBe(`bytes */${archive.length}`);
		expect((await res.json()).error.message).toMatch(/outside the basemap archive/);
	});

	it('honours If-None-Match (304) and If-Range (stale copy: the whole file)', async () => {
		const etag = (await call(HEAD, service)).headers.get('etag')!;
		expect((await call(GET, service, { 'if-none-match': etag })).status).toBe(304);
		const stale = await call(GET, service, { range: 'bytes=0-9', 'if-range': '"other"' });
		expect(stale.status).toBe(200);
		const fresh = await call(GET, service, { range: 'bytes=0-9', 'if-range': etag });
		expect(fresh.status).toBe(206);
	});

	it('HEAD gives the size and range headers without a body', async () => {
		const res = await call(HEAD, service, { range: 'bytes=0-99' });
		expect(res.status).toBe(206);
		expect(res.headers.get('content-length')).toBe('100');
		expect(res.body).toBeNull();
	});

	it('is a 404 with a message when no archive is configured, or it is not in the store', async () => {
		const none = await call(GET, new BasemapService({ store }));
		expect(none.status).toBe(404);
		expect((await none.json()).error.message).toMatch(/BASEMAP_PMTILES/);
		const missing = await call(
			GET,
			new BasemapService({ store, archiveKey: 'basemap/no.pmtiles' })
		);
		expect(missing.status).toBe(404);
		expect((await missing.json()).error.message).toMatch(/npm run basemap:import/);
		await expect(
			new BasemapService({ store }).serveArchive({
				method: 'GET',
				range: null,
				ifRange: null,
				ifNoneMatch: null
			})
		).rejects.toBeInstanceOf(NotFoundError);
	});

	it('serves a replaced archive, not a mix of the old and new one', async () => {
		const key = 'basemap/replaced.pmtiles';
		const own = new BasemapService({ store, archiveKey: key });
		await store.put(key, Buffer.from(archive), PMTILES_CONTENT_TYPE);
		const before = (await call(HEAD, own)).headers.get('etag');
		const other = await exportEmbeddedBasemap({ maxzoom: 1 });
		await store.put(key, Buffer.from(other), PMTILES_CONTENT_TYPE);
		const res = await call(GET, own);
		expect(res.headers.get('etag')).not.toBe(before);
		expect(await bytesOf(res)).toEqual(other);
	});
});

describe('the pmtiles client over HTTP (what the browser does)', () => {
	let server: Server;
	let base: string;

	beforeAll(async () => {
		server = createServer(async (req, res) => {
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(req.headers)) {
				if (typeof value === 'string') headers[name] = value;
			}
			const handler = req.method === 'HEAD' ? HEAD : GET;
			const response = await call(handler, service, headers, `${base}${req.url}`);
			res.writeHead(response.status, Object.fromEntries(response.headers));
			if (response.body) Readable.fromWeb(response.body as never).pipe(res);
			else res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('reads the header and tiles by Range requests and gets our tiles back', async () => {
		const client = new PMTiles(new FetchSource(`${base}/basemap/archive.pmtiles`));
		const header = await client.getHeader();
		expect(header.maxZoom).toBe(2);
		const tile = await client.getZxy(2, 3, 1);
		expect(Buffer.from(tile!.data)).toEqual(
			Buffer.from((await basemapTile({ z: 2, x: 3, y: 1 })).body)
		);
	});
});

describe('/basemap/style.json', () => {
	const styleOf = async (basemap: BasemapService) =>
		(await call(styleGET, basemap, {}, `${ORIGIN}/basemap/style.json`)).json();

	it('is the embedded style when no archive is configured', async () => {
		const style = await styleOf(new BasemapService({ store }));
		expect(style.sources.basemap.tiles).toEqual([`${ORIGIN}/basemap/tiles/{z}/{x}/{y}.mvt`]);
	});

	it('points at the archive through pmtiles:// and keeps our layers for our own schema', async () => {
		const style = await styleOf(service);
		expect(style.sources.basemap).toMatchObject({
			type: 'vector',
			url: `pmtiles://${ORIGIN}/basemap/archive.pmtiles`
		});
		const ids = style.layers.map((l: { id: string }) => l.id);
		expect(ids).toEqual(expect.arrayContaining(['land', 'provinces', 'places-dots']));
		expect(style.glyphs).toBeUndefined();
	});

	it('draws a Protomaps-schema archive with @protomaps/basemaps, minus symbol layers', async () => {
		const key = 'basemap/protomaps.pmtiles';
		const bytes = writePmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([0x1a, 0]) }], {
			tileType: TileType.Mvt,
			tileCompression: Compression.None,
			bounds: [102, 8, 110, 24],
			metadata: {
				vector_layers: [
					'boundaries',
					'buildings',
					'earth',
					'landcover',
					'landuse',
					'places',
					'pois',
					'roads',
					'transit',
					'water'
				].map((id) => ({ id, fields: {} }))
			}
		});
		await store.put(key, Buffer.from(bytes), PMTILES_CONTENT_TYPE);
		const style = await styleOf(new BasemapService({ store, archiveKey: key }));
		const types = new Set(style.layers.map((l: { type: string }) => l.type));
		expect(types.has('symbol')).toBe(false);
		const ids = style.layers.map((l: { id: string }) => l.id);
		expect(ids).toEqual(expect.arrayContaining(['background', 'earth', 'water', 'items-points']));
		expect(style.sources.basemap.attribution).toMatch(/OpenStreetMap/);
		// Nothing from the internet: no glyph or sprite server.
		expect(style.glyphs).toBeUndefined();
		expect(style.sprite).toBeUndefined();
	});

	it('draws raster tiles as one raster layer', async () => {
		const key = 'basemap/raster.pmtiles';
		const bytes = writePmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([0x89, 0x50]) }], {
			tileType: TileType.Png,
			tileCompression: Compression.None,
			bounds: [-180, -85, 180, 85],
			metadata: { attribution: 'Test raster' }
		});
		await store.put(key, Buffer.from(bytes), PMTILES_CONTENT_TYPE);
		const style = await styleOf(new BasemapService({ store, archiveKey: key }));
		expect(style.sources.basemap).toMatchObject({ type: 'raster', tileSize: 256 });
		expect(style.layers.map((l: { type: string }) => l.type)).toContain('raster');
		expect(style.sources.basemap.attribution).toBe('Test raster');
	});

	it('falls back to the embedded style, saying why once, when the archive is missing or not PMTiles', async () => {
		const logged: string[] = [];
		const missing = new BasemapService({
			store,
			archiveKey: 'basemap/gone.pmtiles',
			log: (m) => logged.push(m)
		});
		await styleOf(missing);
		const style = await styleOf(missing);
		expect(style.sources.basemap.tiles).toBeDefined();
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatch(/not in the media store/);

		await store.put('basemap/junk.pmtiles', Buffer.from('not an archive'), PMTILES_CONTENT_TYPE);
		const junk = new BasemapService({
			store,
			archiveKey: 'basemap/junk.pmtiles',
			log: (m) => logged.push(m)
		});
		expect((await styleOf(junk)).sources.basemap.tiles).toBeDefined();
		expect(logged[1]).toMatch(/cannot be read.*not a PMTiles v3 archive/);
	});
});

describe('BASEMAP_PMTILES', () => {
	it('is unset by default and takes a media key', () => {
		expect(parseConfig({}).basemapPmtiles).toBeUndefined();
		expect(parseConfig({ BASEMAP_PMTILES: 'basemap/vietnam.pmtiles' }).basemapPmtiles).toBe(
			'basemap/vietnam.pmtiles'
		);
	});

	it('refuses a file path, naming the variable and the import command', () => {
		expect(() => parseConfig({ BASEMAP_PMTILES: '/data/Vietnam.pmtiles' })).toThrow(
			/BASEMAP_PMTILES.*npm run basemap:import/
		);
	});
});
