/**
 * SQLite-only: items.summary_doc (written with each item, read by every summary) must equal what
 * the item's text and term rows say — as written by the repository, as filled in by migration
 * 0004 for older rows, and when missing (the reader falls back to the joins).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessScope, NewItem } from '$lib/domain/types';
import type { Database } from '$lib/server/db/ports';
import { buildItem } from '../../../../../tests/support/factories/item.factory';
import { seedTerms } from '../../../../../tests/support/factories/vocabulary.factory';
import { createSqliteDatabase } from './create-sqlite-database';

const staff: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

/** The migration's backfill statement (the UPDATE in 0004_summary_doc.sql). */
function backfillSql(): string {
	const file = readFileSync(
		resolve(process.cwd(), 'db/migrations/sqlite/0004_summary_doc.sql'),
		'utf8'
	);
	const update = file.split('--> statement-breakpoint').find((s) => s.includes('UPDATE `items`'));
	if (!update) throw new Error('0004_summary_doc.sql has no UPDATE of items');
	return update;
}

const items: Array<Partial<NewItem>> = [
	{
		title: { vi: 'Cồng chiêng', en: 'Gong culture', sed: 'Cing' },
		summary: { vi: 'Không gian văn hoá', en: '' },
		body: { en: 'Only a body in English' },
		ethnicGroups: ['sedang', 'bahnar', 'sedang']
	},
	{ title: { vi: 'Chỉ tiếng Việt' }, summary: {}, ethnicGroups: [] },
	{ title: { en: '' }, summary: { fr: 'Résumé seulement' }, ethnicGroups: ['bahnar'] },
	{ title: {}, summary: {}, body: {}, ethnicGroups: [] }
];

describe('sqlite items.summary_doc', () => {
	let dir: string;
	let path: string;
	let db: Database;
	let raw: BetterSqlite3.Database;

	beforeEach(async () => {
		dir = mkdtempSync(join(tmpdir(), 'disan-summary-'));
		path = join(dir, 'summary.sqlite');
		db = await createSqliteDatabase(path);
		raw = new BetterSqlite3(path);
		await seedTerms(db);
	});
	afterEach(async () => {
		raw.close();
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Each item's stored doc next to what its full record says. */
	async function docsAndRecords(ids: number[]) {
		const docs = ids.map((id) => {
			const row = raw.prepare('SELECT summary_doc FROM items WHERE id = ?').get(id) as {
				summary_doc: string | null;
			};
			return row.summary_doc === null ? null : JSON.parse(row.summary_doc);
		});
		const records = [];
		for (const id of ids) {
			const item = (await db.items.getById(id, staff))!;
			records.push({ title: item.title, summary: item.summary, ethnicGroups: item.ethnicGroups });
		}
		return { docs, records };
	}

	it('is written by create, createMany and update, equal to the text and term rows', async () => {
		const ids = await db.items.createMany(items.map((o) => buildItem(o)));
		ids.push((await db.items.create(buildItem(items[0]))).id);
		await db.items.update(ids[1], { summary: { en: 'Added later' }, ethnicGroups: ['bahnar'] });
		await db.items.update(ids[2], { status: 'draft' });
		const { docs, records } = await docsAndRecords(ids);
		expect(docs).toEqual(records);
		expect(docs[0]).toEqual({
			title: { vi: 'Cồng chiêng', en: 'Gong culture', sed: 'Cing' },
			summary: { vi: 'Không gian văn hoá' },
			ethnicGroups: ['bahnar', 'sedang']
		});
	});

	it('is filled in for older rows by the migration, and read through the joins while missing', async () => {
		const ids = await db.items.createMany(items.map((o) => buildItem(o)));
		const before = (await db.items.list(staff, { limit: 50, offset: 0 })).items;

		raw.exec('UPDATE items SET summary_doc = NULL');
		expect((await db.items.list(staff, { limit: 50, offset: 0 })).items).toEqual(before);

		raw.exec(backfillSql());
		const { docs, records } = await docsAndRecords(ids);
		expect(docs).toEqual(records);
		expect((await db.items.list(staff, { limit: 50, offset: 0 })).items).toEqual(before);
	});
});
