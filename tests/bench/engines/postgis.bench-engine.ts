/**
 * PostGIS under benchmark: a fresh database `bench_<size>` on the server, the app's Database over
 * it, and one plain pg client for the raw floor. Dropped again in dispose().
 */
import pg from 'pg';
import type { BBox, LngLat } from '../../../src/lib/domain/types';
import { createPostgisDatabase } from '../../../src/lib/server/db/postgis/create-postgis-database';
import { databaseUrl, quoteIdent } from '../../../src/lib/server/db/postgis/pg-url';
import type { BenchEngine, SampleRow } from './bench-engine';
import { probe } from '../../support/global-setup.postgis';

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/** null when the server answers, else why not (the test setup's probe). */
export const probePostgis = probe;

export async function openPostgisEngine(
	serverUrl: string,
	name: string,
	opts: { reuse?: boolean } = {}
): Promise<BenchEngine> {
	const dbName = quoteIdent(name);
	const reuse = await withAdmin(serverUrl, async (c) => {
		if (opts.reuse) {
			const found = await c.query('select 1 from pg_database where datname = $1', [name]);
			if (found.rowCount) return true;
		}
		await c.query(`drop database if exists ${dbName} with (force)`);
		await c.query(`create database ${dbName}`);
		return false;
	});
	const url = databaseUrl(serverUrl, name);
	// One connection is enough for sequential queries; 4 like the contract harness.
	const db = await createPostgisDatabase(url, { poolMax: 4 });
	// No JIT on the floor either (the app's pool turns it off): a big box's estimate passes
	// jit_above_cost, and compiling would add tens of ms to a query that runs in one.
	const raw = new pg.Client({ connectionString: url, options: '-c jit=off' });
	await raw.connect();
	const versions = await raw.query<{ pg: string; postgis: string }>(
		`select current_setting('server_version') as pg, postgis_lib_version() as postgis`
	);
	const { pg: pgVersion, postgis } = versions.rows[0];
	// The search vector may be stored (generated column fold_tsv, GIN-indexed) or an expression
	// index on to_tsvector('simple', fold); the floor uses whichever the schema indexes.
	const stored = await raw.query(
		`select 1 from information_schema.columns where table_name = 'item_texts' and column_name = 'fold_tsv'`
	);
	const vector = stored.rowCount ? 'fold_tsv' : `to_tsvector('simple', fold)`;
	const reusedItems = reuse
		? (await raw.query<{ n: number }>('select count(*)::int as n from items')).rows[0].n
		: undefined;

	return {
		name: 'postgis',
		version: `PostgreSQL ${pgVersion}, PostGIS ${postgis}`,
		db,
		reusedItems,
		raw: {
			async bbox(b: BBox, limit: number) {
				const r = await raw.query(
					'select id from items where public_geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) limit $5',
					[b.west, b.south, b.east, b.north, limit]
				);
				return r.rowCount ?? 0;
			},
			async nearest([lng, lat]: LngLat, k: number) {
				const r = await raw.query(
					`select id from items where public_geom is not null
					order by public_geom <-> ST_SetSRID(ST_MakePoint($1, $2), 4326) limit $3`,
					[lng, lat, k]
				);
				return r.rowCount ?? 0;
			},
			async search(tokens: string[], limit: number) {
				const tsq = tokens
					.map((t, i) => `'${t}'${i === tokens.length - 1 ? ':*' : ''}`)
					.join(' & ');
				const r = await raw.query(
					`select item_id from item_texts where ${vector} @@ to_tsquery('simple', $1) limit $2`,
					[tsq, limit]
				);
				return r.rowCount ?? 0;
			},
			// Added for the facets row: one GROUP BY over the box, no access check.
			async facets(b: BBox) {
				const r = await raw.query<{ n: number }>(
					`select kind, count(*)::int as n from items
					where public_geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) group by kind`,
					[b.west, b.south, b.east, b.north]
				);
				return r.rows.reduce((sum, row) => sum + row.n, 0);
			}
		},
		async analyze() {
			// VACUUM also flushes GIN pending lists, as autovacuum would soon after a bulk load.
			await raw.query('vacuum analyze');
		},
		async sample(ids: number[]): Promise<SampleRow[]> {
			const r = await raw.query<{
				id: number;
				lng: number | null;
				lat: number | null;
				lang: string;
				title: string;
				fold: string;
			}>(
				`select i.id, i.public_lng as lng, i.public_lat as lat, t.lang, t.title, t.fold
				from items i join item_texts t on t.item_id = i.id
				where i.id = any($1::int[]) order by i.id, t.lang`,
				[ids]
			);
			return r.rows.map((row) => ({
				id: row.id,
				point: row.lng === null || row.lat === null ? null : [row.lng, row.lat],
				lang: row.lang,
				title: row.title,
				fold: row.fold
			}));
		},
		async maxId() {
			const r = await raw.query<{ n: number }>('select coalesce(max(id), 0)::int as n from items');
			return r.rows[0].n;
		},
		async sizeBytes() {
			const r = await raw.query<{ n: string }>('select pg_database_size(current_database()) as n');
			return Number(r.rows[0].n);
		},
		async dispose(keep = false) {
			await db.close();
			await raw.end();
			if (keep) return;
			await withAdmin(serverUrl, (c) => c.query(`drop database if exists ${dbName} with (force)`));
		}
	};
}
