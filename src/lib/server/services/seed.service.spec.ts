/**
 * The seeder against real storage (a SQLite file and a media folder in a temp dir), on a small
 * slice of the demo data so each case renders a handful of images. Failures are injected by
 * wrapping the real store or database, never by replacing them.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/ports';
import { createSqliteDatabase } from '../db/sqlite/create-sqlite-database';
import { LocalDiskMediaStore } from '../media/local-disk.media-store';
import type { MediaStore } from '../media/media-store';
import { loadDemoData } from '../seed/demo-data';
import { scopeFor } from './access.service';
import { seedData, seedDemoIfEmpty } from './seed.service';

const STAFF = scopeFor({ kind: 'staff', userId: 1 });
const demo = loadDemoData();
const slice = {
	vocabularies: demo.vocabularies,
	records: demo.records.filter((r) =>
		[
			'nha-rong-kon-klor',
			'le-hoi-dam-trau',
			'le-cung-mang-nuoc-xo-dang',
			'thanh-co-chau-sa'
		].includes(r.item.slug)
	)
};

let dir: string;
let db: Database;
let store: LocalDiskMediaStore;

beforeEach(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-seed-'));
	db = await createSqliteDatabase(join(dir, 'seed.sqlite'));
	store = new LocalDiskMediaStore(join(dir, 'media'));
	await store.init();
	// Library records made by hand below link ethnic groups, which must exist first.
	await db.vocabularies.upsert(slice.vocabularies);
});

afterEach(async () => {
	await db.close();
	await rm(dir, { recursive: true, force: true });
});

async function keys(media: MediaStore = store): Promise<string[]> {
	const out: string[] = [];
	for await (const k of media.list('')) out.push(k);
	return out;
}

async function sha256Of(key: string): Promise<string> {
	const body = await store.get(key);
	const hash = createHash('sha256');
	for await (const chunk of body!.stream) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

/** The real store, except that the n-th put fails after writing nothing. */
function failingOnPut(n: number): MediaStore {
	let calls = 0;
	return new Proxy(store, {
		get(target, prop, receiver) {
			if (prop === 'put') {
				return (...args: Parameters<MediaStore['put']>) => {
					if (++calls === n) return Promise.reject(new Error('disk full'));
					return target.put(...args);
				};
			}
			const value = Reflect.get(target, prop, receiver);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

describe('seedData', () => {
	it('writes records, media rows and files whose SHA-256 matches', async () => {
		expect(slice.records).toHaveLength(4);
		const progress: Array<[number, number]> = [];
		const result = await seedData({ db, media: store }, slice, {
			onProgress: (done, total) => progress.push([done, total])
		});
		expect(result).toEqual({ items: 4, media: 4 });
		expect(await db.items.count(STAFF)).toBe(4);
		expect(await db.vocabularies.list('ethnic_group')).toHaveLength(54);
		const rong = await db.items.getBySlug('nha-rong-kon-klor', STAFF);
		const [image] = await db.media.listForItem(rong!.id);
		expect(image).toMatchObject({
			kind: 'image',
			mimeType: 'image/jpeg',
			width: 1200,
			height: 800
		});
		expect(image.alt.vi && image.alt.en).toBeTruthy();
		expect(await sha256Of(image.storageKey)).toBe(image.sha256);
		expect((await store.head(image.storageKey))?.bytes).toBe(image.bytes);
		expect(progress.at(-1)).toEqual([5, 5]);
		expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4, 5]);
	});

	it('replaces demo records by slug, leaves other records alone and deletes the old files', async () => {
		const own = await db.items.create({ ...slice.records[0].item, slug: 'ban-ghi-cua-thu-vien' });
		await seedData({ db, media: store }, slice);
		const first = await keys();
		await seedData({ db, media: store }, slice);
		const second = await keys();
		expect(await db.items.count(STAFF)).toBe(5);
		expect(await db.items.getById(own.id, STAFF)).not.toBeNull();
		expect(second).toHaveLength(4);
		expect(second.filter((k) => first.includes(k))).toEqual([]);
	});

	it('with reset, empties every table and the stored files first', async () => {
		await db.items.create({ ...slice.records[0].item, slug: 'ban-ghi-cua-thu-vien' });
		await seedData({ db, media: store }, slice);
		await store.put('originals/2020/01/stray.jpg', Buffer.from('x'), 'image/jpeg');
		await seedData({ db, media: store }, slice, { reset: true });
		expect(await db.items.count(STAFF)).toBe(4);
		expect(await db.items.getBySlug('ban-ghi-cua-thu-vien', STAFF)).toBeNull();
		expect(await keys()).toHaveLength(4);
	});

	it('leaves no rows and no files when storing an image fails', async () => {
		await expect(seedData({ db, media: failingOnPut(3) }, slice)).rejects.toThrow('disk full');
		expect(await db.items.count(STAFF)).toBe(0);
		expect(await keys()).toEqual([]);
	});

	it('deletes the new files and keeps the previous data when the database write fails', async () => {
		await seedData({ db, media: store }, slice);
		const before = await keys();
		const broken: Database = Object.create(db, {
			transaction: {
				value: (fn: Parameters<Database['transaction']>[0]) =>
					db.transaction(async (tx) => {
						await fn(tx);
						throw new Error('connection lost');
					})
			}
		});
		await expect(seedData({ db: broken, media: store }, slice)).rejects.toThrow('connection lost');
		expect(await keys()).toEqual(before);
		expect(await db.items.count(STAFF)).toBe(4);
		const rong = await db.items.getBySlug('nha-rong-kon-klor', STAFF);
		const [image] = await db.media.listForItem(rong!.id);
		expect(before).toContain(image.storageKey);
	});
});

describe('seedDemoIfEmpty', () => {
	it('does nothing when the database already holds any record', async () => {
		await db.items.create({ ...slice.records[0].item, slug: 'mot-ban-ghi', status: 'draft' });
		expect(await seedDemoIfEmpty({ db, media: store })).toEqual({ seeded: false, items: 0 });
		expect(await db.items.count(STAFF)).toBe(1);
		expect(await keys()).toEqual([]);
	});
});
