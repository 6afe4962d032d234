/**
 * SQLite-only: the repository writes the FTS5 index and new R*Tree entries itself (batched at the
 * end of each write; triggers keep R*Tree updates and deletes), so after every kind of write —
 * including failed and rolled-back ones — both indexes must match their tables exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import vocabulariesFile from '../../../../../db/seed/vocabularies.json';
import type { AccessScope, BBox, LngLat, NewItem, Precision } from '$lib/domain/types';
import type { Database } from '$lib/server/db/ports';
import { parseVocabularies } from '$lib/server/seed/demo-data';
import { syntheticBatches } from '$lib/server/seed/synthetic';
import { ConflictError } from '$lib/server/errors';
import { createSqliteDatabase } from './create-sqlite-database';

const staff: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

const item = (
	slug: string,
	vi: string,
	point: LngLat | null = [105.8, 21.0],
	precision: Precision = 'exact'
): NewItem => ({
	slug,
	kind: 'site',
	status: 'published',
	visibility: 'public',
	communityGroups: [],
	title: { vi, en: 'Heritage' },
	summary: { vi: 'Tóm tắt' },
	body: {},
	location: { point, geometry: null, precision },
	place: { province: null, district: null, commune: null },
	time: { startYear: null, endYear: null, label: {} },
	ethnicGroups: [],
	subjects: [],
	rights: { license: 'CC0', holder: null, credit: null, sourceInstitution: null },
	dc: { creator: [], contributor: [], source: null, relation: [], language: [] }
});

/** R*Tree entries whose box does not hold exactly the item's true and public points. */
const RTREE_MISMATCHES = `
	SELECT count(*) AS n FROM (
		SELECT i.id, r.id AS rid,
			min(i.lng, coalesce(i.public_lng, i.lng)) AS x0, max(i.lng, coalesce(i.public_lng, i.lng)) AS x1,
			min(i.lat, coalesce(i.public_lat, i.lat)) AS y0, max(i.lat, coalesce(i.public_lat, i.lat)) AS y1,
			r.min_lng, r.max_lng, r.min_lat, r.max_lat
		FROM items i LEFT JOIN items_rtree r ON r.id = i.id
		UNION ALL
		SELECT NULL, r.id, NULL, NULL, NULL, NULL, r.min_lng, r.max_lng, r.min_lat, r.max_lat
		FROM items_rtree r WHERE r.id NOT IN (SELECT id FROM items)
	)
	WHERE CASE
		WHEN id IS NULL THEN 1
		WHEN x0 IS NULL THEN rid IS NOT NULL
		WHEN rid IS NULL THEN 1
		ELSE NOT (min_lng <= x0 AND max_lng >= x1 AND min_lat <= y0 AND max_lat >= y1
			AND x0 - min_lng < 1e-4 AND max_lng - x1 < 1e-4 AND y0 - min_lat < 1e-4 AND max_lat - y1 < 1e-4)
	END`;

describe('sqlite index upkeep', () => {
	let dir: string;
	let path: string;
	let db: Database;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'disan-index-'));
		path = join(dir, 'index.sqlite');
		db = await createSqliteDatabase(path);
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Checks both indexes on a second connection. */
	function checkIndexes(file = path): void {
		const raw = new BetterSqlite3(file);
		try {
			// Throws SQLITE_CORRUPT_VTAB when the index and item_texts differ.
			raw
				.prepare(`INSERT INTO item_texts_fts (item_texts_fts, rank) VALUES ('integrity-check', 1)`)
				.run();
			expect(raw.prepare(`SELECT rtreecheck('items_rtree') AS r`).get()).toEqual({ r: 'ok' });
			expect(raw.prepare(RTREE_MISMATCHES).get()).toEqual({ n: 0 });
		} finally {
			raw.close();
		}
	}

	it('stays exact through create, update, delete, failures, rollback and truncate', async () => {
		const [a, b] = await db.items.createMany([item('a', 'Đình làng'), item('b', 'Nhà rông')]);
		const hidden = await db.items.create(item('h', 'Mộ cổ', [106, 21], 'hidden'));
		const region = await db.items.create(item('r', 'Rừng thiêng', [107.05, 14.05], 'region'));
		await db.items.create(item('n', 'Sử thi', null));
		checkIndexes();

		await db.items.update(a, { title: { vi: 'Chùa cổ', en: 'Old pagoda' }, body: { bdq: 'Hnam' } });
		await db.items.update(b, { status: 'draft' }); // texts and place untouched
		await db.items.update(hidden.id, {
			location: { point: [106.5, 21], geometry: null, precision: 'approximate' }
		});
		await db.items.update(region.id, {
			location: { point: null, geometry: null, precision: 'exact' }
		});
		checkIndexes();

		await expect(
			db.items.createMany([item('c', 'Tháp Chăm', [108, 12]), item('a', 'Trùng slug')])
		).rejects.toThrow();
		await expect(
			db.transaction(async (tx) => {
				await tx.items.create(item('d', 'Cồng chiêng', [108.5, 13]));
				await tx.items.update(a, { title: { vi: 'Đổi trong giao dịch' } });
				await tx.items.delete(b);
				throw new Error('rollback');
			})
		).rejects.toThrow('rollback');
		checkIndexes();
		expect((await db.items.search('chua co', staff, { limit: 5 })).map((r) => r.id)).toEqual([a]);
		expect((await db.items.search('nha rong', staff, { limit: 5 })).map((r) => r.id)).toEqual([b]);
		expect(await db.items.search('cong chieng', staff, { limit: 5 })).toEqual([]);

		await db.items.delete(a);
		checkIndexes();
		expect(await db.items.search('pagoda', staff, { limit: 5 })).toEqual([]);

		await db.truncateAll();
		checkIndexes();
		const e = await db.items.create(item('e', 'Đình làng'));
		checkIndexes();
		expect((await db.items.search('dinh', staff, { limit: 5 })).map((r) => r.id)).toEqual([e.id]);
	});

	describe('a big import, with its indexes built on a second thread', () => {
		/** Same data into `db` (side build after the first batch) and into `serial` (never). */
		async function importBoth(
			batches: () => Iterable<NewItem[]>
		): Promise<{ serial: Database; serialPath: string; side: Database }> {
			const serialPath = join(dir, 'serial.sqlite');
			const serial = await createSqliteDatabase(serialPath, {
				tuning: { sideIndexMinItems: Number.POSITIVE_INFINITY }
			});
			const side = await createSqliteDatabase(path, {
				// A chunk per ~3 batches, so rows reach the thread during the import, not only at its end.
				tuning: { sideIndexMinItems: 300, sideIndexChunkRows: 1000 }
			});
			for (const target of [serial, side]) {
				await target.vocabularies.upsert(parseVocabularies(vocabulariesFile));
				// Rows from before the import, which the side build must carry over.
				await target.items.createMany([
					item('old-a', 'Đình làng cổ'),
					item('old-n', 'Nhà sàn', null)
				]);
				let sawScratch = false;
				await target.items.importMany(batches(), (done) => {
					if (done >= 600) sawScratch ||= readdirSync(dir).some((f) => f.includes('.import-'));
				});
				// The side build ran (its scratch file was there mid-import) only where it should.
				expect(sawScratch).toBe(target === side);
			}
			return { serial, serialPath, side };
		}

		beforeEach(async () => {
			await db.close(); // each test opens its own, with other thresholds
		});

		it('gives the same indexes as the serial path, and later writes keep them exact', async () => {
			const { serial, serialPath, side } = await importBoth(() => syntheticBatches(3000, 250, 7));
			try {
				checkIndexes(path);
				checkIndexes(serialPath);
				expect(readdirSync(dir).filter((f) => f.includes('.import-'))).toEqual([]);
				const queries = [
					'dinh lang',
					'nha',
					'le hoi',
					'k',
					'tomb',
					'synthetic record 12',
					'ha noi'
				];
				const boxes: BBox[] = [
					{ west: 102, south: 8, east: 110, north: 24 },
					{ west: 105.5, south: 20.8, east: 106.2, north: 21.3 },
					{ west: 107.5, south: 13.5, east: 108.5, north: 15 }
				];
				for (const q of queries) {
					const ids = async (d: Database) =>
						(await d.items.search(q, staff, { limit: 50 })).map((r) => r.id);
					const found = await ids(side);
					expect(found.length, q).toBeGreaterThan(0);
					expect(found, q).toEqual(await ids(serial));
				}
				for (const box of boxes) {
					const ids = async (d: Database) =>
						(await d.items.findInBBox(box, staff, { limit: 5000 }))
							.map((r) => r.id)
							.sort((a, b) => a - b);
					const found = await ids(side);
					expect(found.length).toBeGreaterThan(0);
					expect(found).toEqual(await ids(serial));
				}

				// Writes through the installed indexes: update texts and place, delete, create.
				const [first] = await side.items.search('synthetic', staff, { limit: 1 });
				await side.items.update(first.id, {
					title: { vi: 'Cầu ngói Thanh Toàn' },
					location: { point: [107.6, 16.5], geometry: null, precision: 'exact' }
				});
				const [second] = await side.items.search('dinh lang', staff, { limit: 1 });
				await side.items.delete(second.id);
				const added = await side.items.create(item('after', 'Giếng cổ Chăm', [108.9, 15.1]));
				checkIndexes(path);
				expect(
					(await side.items.search('cau ngoi thanh toan', staff, { limit: 5 })).map((r) => r.id)
				).toEqual([first.id]);
				expect(
					(await side.items.search('gieng co cham', staff, { limit: 5 })).map((r) => r.id)
				).toEqual([added.id]);
				const near = await side.items.findInBBox(
					{ west: 107.55, south: 16.45, east: 107.65, north: 16.55 },
					staff,
					{
						limit: 100
					}
				);
				expect(near.map((r) => r.id)).toContain(first.id);
			} finally {
				await serial.close();
				await side.close();
			}
		});

		it('rolls back whole, scratch file included, when a late batch fails', async () => {
			const side = await createSqliteDatabase(path, {
				tuning: { sideIndexMinItems: 300, sideIndexChunkRows: 1000 }
			});
			try {
				await side.vocabularies.upsert(parseVocabularies(vocabulariesFile));
				const before = await side.items.create(item('kept', 'Đình làng'));
				function* failing(): Generator<NewItem[]> {
					let n = 0;
					for (const batch of syntheticBatches(2000, 250, 9)) {
						n += batch.length;
						yield batch;
					}
					expect(n).toBe(2000);
					yield [item('kept', 'Trùng slug')];
				}
				await expect(side.items.importMany(failing())).rejects.toThrow(ConflictError);
				expect(readdirSync(dir).filter((f) => f.includes('.import-'))).toEqual([]);
				checkIndexes(path);
				const all = await side.items.search('dinh lang', staff, { limit: 50 });
				expect(all.map((r) => r.id)).toEqual([before.id]);
				expect(await side.items.search('synthetic', staff, { limit: 5 })).toEqual([]);
			} finally {
				await side.close();
			}
		});

		it('indexes serially, losing nothing, when the second thread cannot build', async () => {
			const side = await createSqliteDatabase(path, {
				tuning: { sideIndexMinItems: 300, sideIndexChunkRows: 1000 }
			});
			// A directory where the scratch database would go: the worker cannot open it.
			const now = 1_700_000_000_000;
			const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
			const blocker = `${path}.import-${process.pid}-${now}.tmp`;
			mkdirSync(blocker);
			const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
			try {
				await side.vocabularies.upsert(parseVocabularies(vocabulariesFile));
				expect(await side.items.importMany(syntheticBatches(1500, 250, 5))).toBe(1500);
				expect(warn.mock.calls.some(([m]) => String(m).includes('indexing here instead'))).toBe(
					true
				);
				checkIndexes(path);
				expect(await side.items.count(staff)).toBe(1500);
				expect((await side.items.search('synthetic record 1499', staff, { limit: 5 })).length).toBe(
					1
				);
			} finally {
				clock.mockRestore();
				warn.mockRestore();
				rmSync(blocker, { recursive: true, force: true });
				await side.close();
			}
		});

		it('close() queued behind a big import lets it finish, checkpointed and whole', async () => {
			const side = await createSqliteDatabase(path);
			await side.vocabularies.upsert(parseVocabularies(vocabulariesFile));
			const imported = side.items.importMany(syntheticBatches(3000, 500, 3));
			const closed = side.close();
			expect(await imported).toBe(3000);
			await closed;
			// The last connection to close checkpoints and removes the WAL; a checkpoint worker still
			// open would have kept it.
			expect(existsSync(`${path}-wal`)).toBe(false);
			const reopened = await createSqliteDatabase(path);
			try {
				expect(await reopened.items.count(staff)).toBe(3000);
			} finally {
				await reopened.close();
			}
		});
	});
});
