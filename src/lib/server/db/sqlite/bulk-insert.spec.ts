/**
 * SQLite-only: createMany writes rows in multi-row INSERTs of up to 100 rows and derives the ids
 * from last_insert_rowid, then indexes id ranges. Batches that span several chunks must come back
 * in input order, be searchable and mappable, and a conflict in a later chunk must leave nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessScope } from '$lib/domain/types';
import type { Database } from '$lib/server/db/ports';
import { ConflictError } from '$lib/server/errors';
import { buildItem } from '../../../../../tests/support/factories/item.factory';
import { seedTerms } from '../../../../../tests/support/factories/vocabulary.factory';
import { createSqliteDatabase } from './create-sqlite-database';

const staff: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

/** 250 items (three chunks), each with its own word, point and ethnic group count. */
const batch = (prefix: string) =>
	Array.from({ length: 250 }, (_, k) =>
		buildItem({
			slug: `${prefix}-${k}`,
			title: { vi: `Mục thứ ${k}`, en: `tu${k}x item` },
			body: k % 3 === 0 ? { vi: 'Chỉ có thân bài' } : {},
			ethnicGroups: k % 2 ? ['bahnar'] : [],
			subjects: k % 5 ? [] : ['ritual', 'craft'],
			location: { point: [105 + k / 1000, 21], geometry: null, precision: 'exact' }
		})
	);

describe('sqlite createMany across chunks', () => {
	let dir: string;
	let db: Database;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'disan-bulk-'));
		db = await createSqliteDatabase(join(dir, 'bulk.sqlite'));
		await seedTerms(db);
	});
	afterEach(async () => {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('returns ids in input order and indexes every item', async () => {
		await db.items.create(buildItem({ slug: 'before' }));
		const inputs = batch('a');
		const ids = await db.items.createMany(inputs);
		expect(ids).toHaveLength(250);
		for (const k of [0, 99, 100, 101, 199, 249]) {
			const item = (await db.items.getById(ids[k], staff))!;
			expect(item.slug).toBe(`a-${k}`);
			expect(item.title.en).toBe(`tu${k}x item`);
			expect(item.ethnicGroups).toEqual(inputs[k].ethnicGroups);
			expect(item.subjects).toEqual([...inputs[k].subjects].sort());
			expect((await db.items.search(`tu${k}x`, staff, { limit: 5 })).map((s) => s.id)).toEqual([
				ids[k]
			]);
		}
		const inBox = await db.items.findInBBox(
			{ west: 104.9, south: 20.9, east: 105.3, north: 21.1 },
			staff,
			{ limit: 500 }
		);
		expect(inBox.map((s) => s.id)).toEqual(ids);
	});

	it('names the taken slug and leaves nothing when a later chunk conflicts', async () => {
		await db.items.create(buildItem({ slug: 'a-180' }));
		const before = await db.items.count(staff);
		const error = await db.items.createMany(batch('a')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as Error).message).toContain('"a-180"');
		expect(await db.items.count(staff)).toBe(before);
		expect(await db.items.search('tu5x', staff, { limit: 5 })).toEqual([]);

		const twice = [
			buildItem({ slug: 'same' }),
			buildItem({ slug: 'other' }),
			buildItem({ slug: 'same' })
		];
		const dup = await db.items.createMany(twice).catch((e: unknown) => e);
		expect(dup).toBeInstanceOf(ConflictError);
		expect((dup as Error).message).toContain('"same"');
		expect(await db.items.count(staff)).toBe(before);
	});
});
