/**
 * The id of a record the public must not see (draft, in review, withdrawn, community or staff).
 * Read straight from the e2e server's SQLite file: the public API cannot reveal one, by design.
 */
import Database from 'better-sqlite3';

export const E2E_DATABASE = '.tmp/e2e/disan.sqlite';

export function findHiddenItemId(): number {
	const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare(
				`select id from items where status <> 'published' or visibility <> 'public' order by id limit 1`
			)
			.get() as { id: number } | undefined;
		if (!row) throw new Error('The demo seed has no unpublished or restricted record to test with');
		return row.id;
	} finally {
		db.close();
	}
}
