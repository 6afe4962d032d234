/**
 * A database under test. The repository contract suite (tests/contract/repository.contract.ts)
 * runs against any Harness, so both dialects are held to the same behaviour.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '$lib/server/db/ports';
import { createSqliteDatabase } from '$lib/server/db/sqlite/create-sqlite-database';

export interface Harness {
	db: Database;
	/** Empties every table; called before each contract case so no case sees another's rows. */
	reset(): Promise<void>;
	close(): Promise<void>;
}

/** A SQLite file in a fresh temp dir (a real file, so WAL and migrations run as in production). */
export async function createSqliteHarness(): Promise<Harness> {
	const dir = await mkdtemp(join(tmpdir(), 'disan-sqlite-'));
	const db = await createSqliteDatabase(join(dir, 'contract.sqlite'));
	return {
		db,
		reset: () => db.truncateAll(),
		async close() {
			await db.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
