/**
 * Applies db/migrations/postgis with drizzle's migrator. Several app nodes may start together
 * against one database, so the migrations run under a session advisory lock: the first node
 * migrates, the others wait and then find nothing left to do.
 */
import { resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** Relative to the working directory: the repo root in dev and tests, the app dir in production. */
export const POSTGIS_MIGRATIONS_FOLDER = resolve('db/migrations/postgis');

/** Arbitrary but fixed: every Disan node takes the same lock. */
const MIGRATION_LOCK_KEY = 0x44697361; // "Disa"

export async function migratePostgis(
	pool: pg.Pool,
	migrationsFolder = POSTGIS_MIGRATIONS_FOLDER
): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
		try {
			await migrate(drizzle({ client }), { migrationsFolder });
		} finally {
			await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
		}
	} finally {
		client.release();
	}
}
