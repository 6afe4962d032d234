/**
 * The whole demo data set seeded into real storage (a database and a media folder), then read
 * back through the same ports and access scopes the app uses. Runs on SQLite always, and on
 * PostGIS when the global setup found a server (skipped loudly otherwise, as the other suites do).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Item } from '../../src/lib/domain/types';
import type { Database } from '../../src/lib/server/db/ports';
import { LocalDiskMediaStore } from '../../src/lib/server/media/local-disk.media-store';
import { loadDemoData } from '../../src/lib/server/seed/demo-data';
import { VIETNAM_BBOX } from '../../src/lib/server/seed/seed.schema';
import { ANONYMOUS, scopeFor } from '../../src/lib/server/services/access.service';
import { seedDemo, seedDemoIfEmpty } from '../../src/lib/server/services/seed.service';
import { createSqliteHarness, type Harness } from '../support/harness';
import { createPostgisHarness, postgisUnavailable } from '../support/postgis-harness';

const STAFF = scopeFor({ kind: 'staff', userId: 1 });
const PUBLIC = scopeFor(ANONYMOUS);
const SEED_MS = 180_000;
const demo = loadDemoData();

function seedContract(dialect: string, createHarness: () => Promise<Harness>) {
	let dir: string;
	let harness: Harness;
	let db: Database;
	let store: LocalDiskMediaStore;
	let first: { items: number; media: number };

	async function storedKeys(): Promise<string[]> {
		const keys: string[] = [];
		for await (const k of store.list('originals/')) keys.push(k);
		return keys;
	}

	async function allItems(): Promise<Item[]> {
		const found = await Promise.all(
			demo.records.map((r) => db.items.getBySlug(r.item.slug, STAFF))
		);
		return found.filter((i): i is Item => i !== null);
	}

	/** Per demo collection: how many of its records the public may read. */
	async function publicMembers(): Promise<Array<[string, number]>> {
		const out: Array<[string, number]> = [];
		for (const c of demo.collections) {
			const found = await Promise.all(c.items.map((slug) => db.items.getBySlug(slug, PUBLIC)));
			out.push([c.slug, found.filter((i) => i !== null).length]);
		}
		return out;
	}

	async function collectionCounts(): Promise<Array<[string, number]>> {
		return (await db.collections.list(PUBLIC)).map((c) => [c.slug, c.itemCount]);
	}

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'disan-seed-contract-'));
		harness = await createHarness();
		db = harness.db;
		store = new LocalDiskMediaStore(join(dir, 'media'));
		await store.init();
		first = await seedDemo({ db, media: store });
	}, SEED_MS);

	afterAll(async () => {
		await harness?.close();
		await rm(dir, { recursive: true, force: true });
	});

	describe(`seedDemo into ${dialect} + local disk`, () => {
		it('loads every demo record with one image each', async () => {
			expect(first.items).toBe(demo.records.length);
			expect(first.items).toBeGreaterThanOrEqual(60);
			expect(first.media).toBe(first.items);
			expect(await db.items.count(STAFF)).toBe(first.items);
			// Drafts and community-only records are hidden from the public.
			const visible = await db.items.count(PUBLIC);
			expect(visible).toBeGreaterThanOrEqual(55);
			expect(visible).toBeLessThan(first.items);
		});

		it(
			'gives every record Vietnamese and English text and an image file with the recorded SHA-256',
			async () => {
				const items = await allItems();
				expect(items).toHaveLength(demo.records.length);
				for (const item of items) {
					for (const field of [item.title, item.summary, item.body]) {
						expect(field.vi, item.slug).toBeTruthy();
						expect(field.en, item.slug).toBeTruthy();
					}
					const media = await db.media.listForItem(item.id);
					expect(media.length, item.slug).toBeGreaterThanOrEqual(1);
					const body = await store.get(media[0].storageKey);
					expect(body, item.slug).not.toBeNull();
					const hash = createHash('sha256');
					for await (const chunk of body!.stream) hash.update(chunk as Buffer);
					expect(hash.digest('hex'), item.slug).toBe(media[0].sha256);
					expect(body!.head.bytes).toBe(media[0].bytes);
				}
			},
			SEED_MS
		);

		it('covers the library region and many provinces', async () => {
			const page = { limit: 100, offset: 0 };
			expect(
				(await db.items.list(STAFF, page, { province: 'Quảng Ngãi' })).total
			).toBeGreaterThanOrEqual(10);
			expect(
				(await db.items.list(STAFF, page, { province: 'Kon Tum' })).total
			).toBeGreaterThanOrEqual(10);
			const provinces = new Set((await allItems()).map((i) => i.place.province));
			for (const p of [
				'Thừa Thiên Huế',
				'Sơn La',
				'Quảng Nam',
				'Hà Nội',
				'Ninh Thuận',
				'An Giang'
			]) {
				expect(provinces.has(p), p).toBe(true);
			}
			expect(provinces.size).toBeGreaterThanOrEqual(20);
		});

		it('puts every point inside Viet Nam and generalises sensitive ones for the public', async () => {
			const inBox = await db.items.findInBBox(VIETNAM_BBOX, STAFF, { limit: 500 });
			expect(inBox).toHaveLength(first.items);
			const publicBuffalo = await db.items.getBySlug('le-hoi-dam-trau', PUBLIC);
			const staffBuffalo = await db.items.getBySlug('le-hoi-dam-trau', STAFF);
			expect(publicBuffalo?.publicPoint).not.toEqual(staffBuffalo?.location.point);
			expect(publicBuffalo?.publicPoint).not.toBeNull();
		});

		it('finds Vietnamese records without diacritics', async () => {
			const dinh = await db.items.search('dinh lang', PUBLIC, { limit: 10 });
			expect(dinh.map((h) => h.title.vi)).toContain('Đình làng Đình Bảng');
			const trau = await db.items.search('đâm trâu', PUBLIC, { limit: 10 });
			expect(trau[0]?.title.vi).toBe('Lễ hội đâm trâu');
		});

		it('applies the access rules to drafts and community records', async () => {
			expect(await db.items.getBySlug('hat-ba-trao-quang-ngai', PUBLIC)).toBeNull();
			expect(await db.items.getBySlug('hat-ba-trao-quang-ngai', STAFF)).not.toBeNull();
			const member = scopeFor({
				kind: 'member',
				userId: 2,
				groups: ['cong-dong-xo-dang-tu-mo-rong']
			});
			const outsider = scopeFor({
				kind: 'member',
				userId: 3,
				groups: ['cong-dong-gia-rai-chu-pah']
			});
			expect(await db.items.getBySlug('le-cung-mang-nuoc-xo-dang', member)).not.toBeNull();
			expect(await db.items.getBySlug('le-cung-mang-nuoc-xo-dang', outsider)).toBeNull();
			expect(await db.items.getBySlug('le-cung-mang-nuoc-xo-dang', PUBLIC)).toBeNull();
		});

		it(
			'is idempotent: reseeding gives the same counts and leaves no orphan files',
			async () => {
				const before = await storedKeys();
				expect(before).toHaveLength(first.media);
				const again = await seedDemo({ db, media: store });
				expect(again).toEqual(first);
				expect(await db.items.count(STAFF)).toBe(first.items);
				const after = await storedKeys();
				expect(after).toHaveLength(first.media);
				expect(after.filter((k) => before.includes(k))).toEqual([]);
				for (const item of await allItems())
					expect(await db.media.listForItem(item.id)).toHaveLength(1);
				// Collections are recreated with the new records as members.
				expect(await collectionCounts()).toEqual(await publicMembers());
			},
			SEED_MS
		);

		it('loads the demo collections, members filterable on the map', async () => {
			const expected = await publicMembers();
			expect(await collectionCounts()).toEqual(expected);
			expect(expected.map(([, n]) => n).every((n) => n >= 5)).toBe(true);
			const cham = await db.items.list(
				PUBLIC,
				{ limit: 50, offset: 0 },
				{ collection: 'di-san-cham' }
			);
			expect(cham.items.map((s) => s.slug).sort()).toEqual(
				[...demo.collections.find((c) => c.slug === 'di-san-cham')!.items].sort()
			);
			const facets = await db.items.facets(PUBLIC, { filter: { collection: 'le-hoi' } });
			expect(facets.total).toBe(expected.find(([slug]) => slug === 'le-hoi')![1]);
			expect(facets.kinds.map((k) => k.code)).toContain('practice');
		});

		it(
			'seedDemoIfEmpty does nothing once records exist, and seeds an empty database',
			async () => {
				const keys = await storedKeys();
				expect(await seedDemoIfEmpty({ db, media: store })).toEqual({ seeded: false, items: 0 });
				expect(await storedKeys()).toEqual(keys);
				expect(await db.items.count(STAFF)).toBe(first.items);

				const empty = await createHarness();
				const emptyDb = empty.db;
				const emptyStore = new LocalDiskMediaStore(join(dir, 'media-empty'));
				await emptyStore.init();
				try {
					const result = await seedDemoIfEmpty({ db: emptyDb, media: emptyStore });
					expect(result).toEqual({ seeded: true, items: first.items });
					expect(await emptyDb.items.count(STAFF)).toBe(first.items);
					expect(await seedDemoIfEmpty({ db: emptyDb, media: emptyStore })).toEqual({
						seeded: false,
						items: 0
					});
				} finally {
					await empty.close();
				}
			},
			SEED_MS
		);
	});
}

seedContract('sqlite', createSqliteHarness);

const skipped = postgisUnavailable();
if (skipped) {
	describe.skip(`seedDemo into postgis — SKIPPED: ${skipped}`, () => {
		it('needs a PostgreSQL + PostGIS server', () => undefined);
	});
} else {
	seedContract('postgis', createPostgisHarness);
}
