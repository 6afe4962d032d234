/**
 * A PostGIS database under test: a fresh clone of the migrated template that
 * global-setup.postgis.ts made for this run, dropped again in close().
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createPostgisDatabase } from '$lib/server/db/postgis/create-postgis-database';
import { databaseName, databaseUrl, quoteIdent } from '$lib/server/db/postgis/pg-url';
import type { Harness } from './harness';

/** Why the PostGIS suites skip, or null when a server is available. */
export function postgisUnavailable(): string | null {
	return inject('postgisUrl')
		? null
		: 'no PostgreSQL server reachable (set POSTGIS_URL or install postgresql-15-postgis-3)';
}

async function admin<T>(templateUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: databaseUrl(templateUrl, 'postgres') });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export async function createPostgisHarness(): Promise<Harness> {
	const templateUrl = inject('postgisUrl');
	if (!templateUrl) throw new Error(`PostGIS harness: ${postgisUnavailable()}`);
	const name = `t_${randomBytes(6).toString('hex')}`;
	await admin(templateUrl, (c) =>
		c.query(`create database ${quoteIdent(name)} template ${quoteIdent(databaseName(templateUrl))}`)
	);
	const db = await createPostgisDatabase(databaseUrl(templateUrl, name), { poolMax: 4 });
	return {
		db,
		reset: () => db.truncateAll(),
		async close() {
			await db.close();
			await admin(templateUrl, (c) =>
				c.query(`drop database if exists ${quoteIdent(name)} with (force)`)
			);
		}
	};
}
