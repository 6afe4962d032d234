import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildItemAt } from '../../../../tests/support/factories/item.factory';
import { decodeTile } from '../../../../tests/contract/repository/tiles.cases';
import type { LngLat, Viewer } from '../../domain/types';
import { tileContaining } from '../../geo/tiles';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { ValidationError } from '../errors';
import { ANONYMOUS } from './access.service';
import { ItemChangeNotifier } from './item-changes';
import { TileService, type TileServiceDeps } from './tile.service';

const STAFF: Viewer = { kind: 'staff', userId: 1 };
const KON_TUM: LngLat = [108.0186, 14.3545];
const TILE = tileContaining(KON_TUM[0], KON_TUM[1], 14);

let dir: string;
let db: Database;
let changes: ItemChangeNotifier;
let clock: number;
const service = (o: Partial<TileServiceDeps> = {}) =>
	new TileService({ tiles: db.tiles, changes, now: () => clock, ...o });
const ids = async (reply: { body: Buffer | null }) =>
	reply.body ? decodeTile(reply.body).map((f) => f.props.id) : [];

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-tile-service-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'tiles.sqlite') });
});
afterAll(async () => {
	await db.close();
	await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
	await db.truncateAll();
	changes = new ItemChangeNotifier();
	clock = 1_000_000;
});

describe('TileService', () => {
	it('rejects tiles outside their zoom and reversed years with a message to act on', async () => {
		const tiles = service();
		await expect(tiles.itemsTile(ANONYMOUS, { z: 3, x: 9, y: 1 })).rejects.toThrow(
			new ValidationError('Tile x=9 is outside zoom 3 (0–7)')
		);
		await expect(tiles.itemsTile(ANONYMOUS, { z: 30, x: 0, y: 0 })).rejects.toThrow(/0 to 22/);
		await expect(
			tiles.itemsTile(ANONYMOUS, TILE, { fromYear: 1900, toYear: 1800 })
		).rejects.toThrow(ValidationError);
	});

	it('answers 204 for an empty tile and 200 with the layer otherwise', async () => {
		const item = await db.items.create(buildItemAt(KON_TUM));
		const tiles = service();
		expect(await tiles.itemsTile(ANONYMOUS, { z: 14, x: 0, y: 0 })).toMatchObject({
			status: 204,
			body: null
		});
		const reply = await tiles.itemsTile(ANONYMOUS, TILE);
		expect(reply.status).toBe(200);
		expect(await ids(reply)).toEqual([item.id]);
	});

	it('applies the viewer: a draft is in the staff tile only', async () => {
		const draft = await db.items.create(buildItemAt(KON_TUM, { status: 'draft' }));
		const tiles = service();
		expect((await tiles.itemsTile(ANONYMOUS, TILE)).status).toBe(204);
		expect(await ids(await tiles.itemsTile(STAFF, TILE))).toEqual([draft.id]);
		// Cached per scope: anonymous still sees nothing.
		expect((await tiles.itemsTile(ANONYMOUS, TILE)).status).toBe(204);
	});

	it('serves a repeat from the cache until items change, then reads again', async () => {
		const first = await db.items.create(buildItemAt(KON_TUM));
		const tiles = service();
		const a = await tiles.itemsTile(ANONYMOUS, TILE);
		const b = await tiles.itemsTile(ANONYMOUS, TILE);
		expect(tiles.stats).toEqual({ hits: 1, misses: 1 });
		expect(b.etag).toBe(a.etag);
		const second = await db.items.create(buildItemAt(KON_TUM));
		// Not told yet: the cached tile is still served (this is what the notifier is for).
		expect(await ids(await tiles.itemsTile(ANONYMOUS, TILE))).toEqual([first.id]);
		changes.changed();
		const c = await tiles.itemsTile(ANONYMOUS, TILE);
		expect((await ids(c)).sort()).toEqual([first.id, second.id].sort());
		expect(c.etag).not.toBe(a.etag);
		expect(tiles.size).toBeGreaterThan(0);
	});

	it('expires entries after the TTL (writes from other processes)', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const tiles = service({ ttlMs: 60_000 });
		await tiles.itemsTile(ANONYMOUS, TILE);
		clock += 59_000;
		await tiles.itemsTile(ANONYMOUS, TILE);
		clock += 2_000;
		await tiles.itemsTile(ANONYMOUS, TILE);
		expect(tiles.stats).toEqual({ hits: 1, misses: 2 });
	});

	it('filters in any order share one entry; different filters do not', async () => {
		await db.items.create(buildItemAt(KON_TUM, { kind: 'practice' }));
		const tiles = service();
		await tiles.itemsTile(ANONYMOUS, TILE, { kinds: ['site', 'practice'] });
		await tiles.itemsTile(ANONYMOUS, TILE, { kinds: ['practice', 'site'] });
		const none = await tiles.itemsTile(ANONYMOUS, TILE, { kinds: ['site'] });
		expect(tiles.stats).toEqual({ hits: 1, misses: 2 });
		expect(none.status).toBe(204);
	});

	it('answers 304 when If-None-Match holds the current ETag (weak or in a list)', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const tiles = service();
		const { etag } = await tiles.itemsTile(ANONYMOUS, TILE);
		expect(etag).toMatch(/^"[\w-]{27}"$/);
		for (const header of [etag, `W/${etag}`, `"other", ${etag}`]) {
			expect(await tiles.itemsTile(ANONYMOUS, TILE, {}, header)).toEqual({
				status: 304,
				body: null,
				etag
			});
		}
		expect((await tiles.itemsTile(ANONYMOUS, TILE, {}, '"stale"')).status).toBe(200);
	});

	it('evicts the least recently used tiles to stay within its byte budget', async () => {
		await db.items.create(buildItemAt(KON_TUM, { title: { vi: 'x'.repeat(300) } }));
		const around = [0, 1, 2].map((d) => tileAt(14 - d));
		const tiles = service({ cacheBytes: 1_200 });
		for (const t of around) await tiles.itemsTile(ANONYMOUS, t);
		expect(tiles.size).toBeLessThanOrEqual(1_200);
		// The newest is still cached, the oldest was evicted.
		await tiles.itemsTile(ANONYMOUS, around[2]);
		expect(tiles.stats.hits).toBe(1);
		await tiles.itemsTile(ANONYMOUS, around[0]);
		expect(tiles.stats.hits).toBe(1);
	});

	it('makes one repository read for concurrent requests of one tile', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const tiles = service();
		const replies = await Promise.all([1, 2, 3].map(() => tiles.itemsTile(ANONYMOUS, TILE)));
		expect(new Set(replies.map((r) => r.etag)).size).toBe(1);
		expect(tiles.stats.misses).toBe(1);
	});
});

function tileAt(z: number) {
	return tileContaining(KON_TUM[0], KON_TUM[1], z);
}
