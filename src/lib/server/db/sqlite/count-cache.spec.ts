/** SQLite-only: cached counts notice commits made by another connection (a seed script, say). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it } from 'vitest';
import type { AccessScope } from '$lib/domain/types';
import { createSqliteDatabase } from './create-sqlite-database';

const anonymous: AccessScope = {
	statuses: ['published'],
	visibilities: ['public'],
	groups: [],
	exactLocation: false
};

it('recounts after another connection commits', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'disan-count-'));
	const path = join(dir, 'count.sqlite');
	const db = await createSqliteDatabase(path);
	try {
		expect(await db.items.count(anonymous)).toBe(0);
		const other = new BetterSqlite3(path);
		other
			.prepare(
				`INSERT INTO items (slug, kind, status, visibility, precision, time_label, rights, dc,
					created_at, updated_at)
				VALUES ('tu-ngoai', 'site', 'published', 'public', 'exact', '{}', '{}', '{}', 'x', 'x')`
			)
			.run();
		other.close();
		expect(await db.items.count(anonymous)).toBe(1);
		expect((await db.items.list(anonymous, { limit: 5, offset: 0 })).total).toBe(1);
	} finally {
		await db.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
