/**
 * vitest globalSetup for the PostGIS suites: finds (or starts) a PostgreSQL + PostGIS server,
 * migrates a template database once per run, and provides its URL as `postgisUrl`. Each test
 * file clones the template (tests/support/postgis-harness.ts), which takes ~100 ms instead of
 * re-running CREATE EXTENSION postgis and every migration.
 *
 * Server: POSTGIS_URL if set; else the local default below; else, when pg_ctlcluster exists,
 * scripts/postgres-local.sh starts the Debian cluster. No server: outside CI the PostGIS suites
 * skip LOUDLY (postgisUrl = null); under CI=true the run fails here.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePostgis, POSTGIS_MIGRATIONS_FOLDER } from '../../src/lib/server/db/postgis/migrate';
import { databaseUrl, quoteIdent } from '../../src/lib/server/db/postgis/pg-url';

declare module 'vitest' {
	interface ProvidedContext {
		/** URL of the migrated template database, or null when no PostgreSQL server is reachable. */
		postgisUrl: string | null;
	}
}

const LOCAL_URL = 'postgres://disan:disan@127.0.0.1:5432/postgres';
const LOCAL_SCRIPT = resolve('scripts/postgres-local.sh');
const STALE_TEMPLATE_MS = 60 * 60 * 1000;
const run = promisify(execFile);

export default async function setup(project: TestProject): Promise<void> {
	const server = await findServer();
	if (!server.url) {
		const reason = `no PostgreSQL server reachable (${server.why})`;
		if (process.env.CI === 'true')
			throw new Error(`PostGIS tests are mandatory under CI: ${reason}`);
		console.warn(
			loud(
				`PostGIS suites will be SKIPPED: ${reason}. Set POSTGIS_URL or install postgresql-15-postgis-3.`
			)
		);
		project.provide('postgisUrl', null);
		return;
	}
	project.provide('postgisUrl', await ensureTemplate(server.url));
}

async function findServer(): Promise<{ url: string | null; why: string }> {
	const explicit = process.env.POSTGIS_URL;
	if (explicit) {
		const err = await probe(explicit);
		return err ? { url: null, why: `POSTGIS_URL: ${err}` } : { url: explicit, why: '' };
	}
	const first = await probe(LOCAL_URL);
	if (!first) return { url: LOCAL_URL, why: '' };
	if (!(await hasPgCtlCluster())) return { url: null, why: `${LOCAL_URL}: ${first}` };
	try {
		await run('bash', [LOCAL_SCRIPT], {
			timeout: 60_000,
			env: { ...process.env, PG_FAST_TESTS: '1' }
		});
	} catch (e) {
		return { url: null, why: `scripts/postgres-local.sh failed: ${(e as Error).message}` };
	}
	const second = await probe(LOCAL_URL);
	return second ? { url: null, why: `${LOCAL_URL}: ${second}` } : { url: LOCAL_URL, why: '' };
}

/** null when the server answers; otherwise why not. Also used by tests/bench. */
export async function probe(url: string): Promise<string | null> {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		await client.query('select 1');
		return null;
	} catch (e) {
		return (e as Error).message;
	} finally {
		await client.end().catch(() => undefined);
	}
}

async function hasPgCtlCluster(): Promise<boolean> {
	try {
		await run('sh', ['-c', 'command -v pg_ctlcluster']);
		return true;
	} catch {
		return false;
	}
}

/**
 * The template is named after a hash of the migrations, so concurrent runs (several people or
 * agents sharing one server) reuse it instead of dropping it under each other, and a changed
 * migration gets a fresh template. Templates of other migrations are removed after an hour (a
 * run started before the change may still be cloning them).
 */
async function ensureTemplate(serverUrl: string): Promise<string> {
	const name = `disan_template_${await migrationsHash()}`;
	const admin = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
	await admin.connect();
	try {
		// Serialise template creation between concurrent runs on the same server.
		await admin.query('select pg_advisory_lock(hashtext($1))', ['disan_template']);
		// The comment (creation time) is written last, so a template without one is a crashed build.
		const found = await admin.query<{ done: string | null }>(
			"select shobj_description(oid, 'pg_database') as done from pg_database where datname = $1",
			[name]
		);
		if (found.rows[0]?.done == null) {
			if (found.rowCount) await dropDatabase(admin, name);
			await admin.query(`create database ${quoteIdent(name)}`);
			try {
				await migrateTemplate(databaseUrl(serverUrl, name));
				await admin.query(`alter database ${quoteIdent(name)} is_template true`);
				await admin.query(`comment on database ${quoteIdent(name)} is '${Date.now()}'`);
			} catch (e) {
				await dropDatabase(admin, name);
				throw e;
			}
		}
		await dropStaleTemplates(admin, name);
		await admin.query('select pg_advisory_unlock(hashtext($1))', ['disan_template']);
	} finally {
		await admin.end();
	}
	return databaseUrl(serverUrl, name);
}

async function migrateTemplate(url: string): Promise<void> {
	const pool = new pg.Pool({ connectionString: url, max: 1 });
	try {
		await migratePostgis(pool);
	} finally {
		await pool.end();
	}
}

async function dropStaleTemplates(admin: pg.Client, keep: string): Promise<void> {
	const stale = await admin.query<{ datname: string }>(
		`select datname from pg_database d
		 where datname like 'disan\\_template\\_%' and datname <> $1
		   and coalesce(shobj_description(d.oid, 'pg_database'), '0') ~ '^[0-9]+$'
		   and coalesce(shobj_description(d.oid, 'pg_database'), '0')::bigint < $2`,
		[keep, Date.now() - STALE_TEMPLATE_MS]
	);
	for (const { datname } of stale.rows) {
		try {
			await dropDatabase(admin, datname);
		} catch {
			// In use by a concurrent run on the old migrations: a later run removes it.
		}
	}
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
	await admin.query(`alter database ${quoteIdent(name)} is_template false`);
	await admin.query(`drop database if exists ${quoteIdent(name)}`);
}

async function migrationsHash(): Promise<string> {
	const hash = createHash('sha256');
	const walk = async (dir: string): Promise<void> => {
		const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
			a.name.localeCompare(b.name)
		);
		for (const e of entries) {
			const p = join(dir, e.name);
			if (e.isDirectory()) await walk(p);
			else hash.update(e.name).update(await readFile(p));
		}
	};
	await walk(POSTGIS_MIGRATIONS_FOLDER);
	return hash.digest('hex').slice(0, 12);
}

function loud(message: string): string {
	const bar = '!'.repeat(Math.min(100, message.length + 8));
	return `\n${bar}\n!!! ${message}\n${bar}\n`;
}
