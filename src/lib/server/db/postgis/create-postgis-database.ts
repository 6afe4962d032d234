/**
 * The PostGIS Database: a pg Pool, migrations applied at start (under an advisory lock, so app
 * nodes starting together do not race), and repositories bound either to the pool or, inside
 * `transaction`, to one dedicated client.
 */
import pg from 'pg';
import type { Database, Repositories } from '$lib/server/db/ports';
import { createAuditRepository } from './audit.repository';
import { createCollectionRepository } from './collection.repository';
import { createItemRepository } from './item.repository';
import { createTileRepository } from './item-tiles.queries';
import { createMediaRepository } from './media.repository';
import { migratePostgis } from './migrate';
import { clientContext, poolContext, withClientTransaction, type PgContext } from './pg-context';
import { createVocabularyRepository } from './vocabulary.repository';

export interface PostgisOptions {
	/** Connections per app node (config PG_POOL_MAX). */
	poolMax?: number;
	/** Defaults to db/migrations/postgis under the working directory. */
	migrationsFolder?: string;
}

/** Every table, for truncateAll. Identities continue (ids are never reused, as on SQLite). */
const TABLES = [
	'items',
	'item_texts',
	'vocabulary_terms',
	'item_terms',
	'community_groups',
	'item_groups',
	'users',
	'group_members',
	'media',
	'collections',
	'collection_items',
	'tours',
	'tour_stops',
	'revisions',
	'audit_log',
	'jobs'
];

function repositories(ctx: PgContext): Repositories {
	return {
		items: createItemRepository(ctx),
		media: createMediaRepository(ctx),
		vocabularies: createVocabularyRepository(ctx),
		collections: createCollectionRepository(ctx),
		audit: createAuditRepository(ctx),
		tiles: createTileRepository(ctx)
	};
}

export async function createPostgisDatabase(
	url: string,
	opts: PostgisOptions = {}
): Promise<Database> {
	const pool = new pg.Pool({
		connectionString: url,
		max: opts.poolMax ?? 10,
		// Timestamps are formatted in SQL, but keep server-side date maths in UTC on every node.
		// No parallel query: every app statement is a short, LIMITed read or a small write, and
		// launching workers costs more than it saves (a dense bbox ran 33 ms as a Parallel Gather
		// Merge, 13.6 ms without). Under concurrent requests, workers would also take the cores
		// other requests need. Index builds and VACUUM use max_parallel_maintenance_workers, kept.
		// No JIT: a plan whose estimate passes jit_above_cost (a bbox whose id walk is planned but
		// gated off, a misestimated box) compiled its expressions for 30–120 ms to run a 1 ms query.
		options: '-c TimeZone=UTC -c max_parallel_workers_per_gather=0 -c jit=off'
	});
	// An idle client losing its connection (server restart) must not crash the process; the pool
	// drops it and the next query opens a new one.
	pool.on('error', (e) => console.error('PostGIS pool: idle client error:', e.message));
	try {
		await migratePostgis(pool, opts.migrationsFolder);
	} catch (e) {
		await pool.end();
		throw e;
	}
	const outer = repositories(poolContext(pool));
	return {
		dialect: 'postgis',
		...outer,
		transaction: (fn) =>
			withClientTransaction(pool, async (client) => {
				const ctx = clientContext(client);
				try {
					return await fn(repositories(ctx));
				} finally {
					ctx.end();
				}
			}),
		async truncateAll() {
			await pool.query(`truncate table ${TABLES.join(', ')} cascade`);
		},
		close: () => pool.end()
	};
}
