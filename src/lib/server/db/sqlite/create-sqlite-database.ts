/**
 * Opens (or creates) the embedded SQLite database, applies migrations, and wires the
 * repositories. One connection per process: writes and transactions are serialised by a mutex.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Database, Repositories } from '$lib/server/db/ports';
import { AsyncMutex } from './async-mutex';
import { SqliteAuditRepository } from './audit.repository';
import { SqliteCollectionRepository } from './collection.repository';
import { SqliteItemRepository } from './item.repository';
import { SqliteMediaRepository } from './media.repository';
import { SqliteTileRepository } from './item-tiles';
import * as schema from './schema';
import { DEFAULT_TUNING, SqliteContext, type Executor, type SqliteTuning } from './sqlite-context';
import { SqliteVocabularyRepository } from './vocabulary.repository';

export interface SqliteOptions {
	/** Where the SQL migrations live; default `db/migrations/sqlite` under the process cwd. */
	migrationsFolder?: string;
	/** Overrides of the performance thresholds (tests). */
	tuning?: Partial<SqliteTuning>;
}

/** Children before parents, so foreign keys never object. */
const TABLES_IN_DELETE_ORDER = [
	'collection_items',
	'collections',
	'tour_stops',
	'tours',
	'revisions',
	'media',
	'item_groups',
	'item_terms',
	'item_texts',
	'items',
	'group_members',
	'community_groups',
	'users',
	'vocabulary_terms',
	'audit_log',
	'jobs'
];

export async function createSqliteDatabase(
	path: string,
	options: SqliteOptions = {}
): Promise<Database> {
	const memory = path === ':memory:' || path === '';
	if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
	const sqlite = new BetterSqlite3(path);
	try {
		if (!memory) sqlite.pragma('journal_mode = WAL');
		// Once checkpointed, a WAL grown by a big import is cut back to this instead of keeping its size.
		sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		sqlite.pragma('cache_size = -32000');
		sqlite.pragma('temp_store = MEMORY');
		const orm = drizzle({ client: sqlite, schema });
		migrate(orm, {
			migrationsFolder: options.migrationsFolder ?? resolve(process.cwd(), 'db/migrations/sqlite')
		});
		return new SqliteDatabase(
			new SqliteContext(sqlite, orm, { ...DEFAULT_TUNING, ...options.tuning })
		);
	} catch (e) {
		sqlite.close();
		throw e;
	}
}

class SqliteDatabase implements Database {
	readonly dialect = 'sqlite' as const;
	readonly items;
	readonly media;
	readonly vocabularies;
	readonly collections;
	readonly audit;
	readonly tiles;
	private readonly mutex = new AsyncMutex();

	constructor(private readonly ctx: SqliteContext) {
		// Outside a transaction each write takes the lock and is its own transaction.
		const outer: Executor = {
			write: (fn) => this.mutex.run(() => ctx.atomic(fn)),
			writeAsync: (fn, opts) => this.mutex.run(() => ctx.atomicAsync(fn, opts))
		};
		({
			items: this.items,
			media: this.media,
			vocabularies: this.vocabularies,
			collections: this.collections,
			audit: this.audit,
			tiles: this.tiles
		} = repositories(ctx, outer));
	}

	transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
		return this.mutex.run(async () => {
			let open = true;
			// Inside, the lock is already held; each write is a savepoint of this transaction.
			const inner: Executor = {
				write: async (work) => {
					if (!open)
						throw new Error('This transaction has already finished; use the outer repositories.');
					return this.ctx.atomic(work);
				},
				writeAsync: async (work, opts) => {
					if (!open)
						throw new Error('This transaction has already finished; use the outer repositories.');
					return this.ctx.atomicAsync(work, opts);
				}
			};
			this.ctx.sqlite.exec('BEGIN IMMEDIATE');
			try {
				const result = await fn(repositories(this.ctx, inner));
				this.ctx.sqlite.exec('COMMIT');
				return result;
			} catch (e) {
				if (this.ctx.sqlite.inTransaction) this.ctx.sqlite.exec('ROLLBACK');
				throw e;
			} finally {
				open = false;
				// Counts read inside may include rows that rolled back; commits change them anyway.
				this.ctx.counts.clear();
			}
		});
	}

	truncateAll(): Promise<void> {
		return this.mutex.run(() =>
			this.ctx.atomic(() => {
				// Emptying the external-content index first is valid (and fast) for a full wipe.
				this.ctx.sqlite.exec(`INSERT INTO item_texts_fts (item_texts_fts) VALUES ('delete-all')`);
				for (const table of TABLES_IN_DELETE_ORDER) this.ctx.sqlite.exec(`DELETE FROM ${table}`);
				this.ctx.sqlite.exec('DELETE FROM items_rtree');
				this.ctx.counts.clear();
			})
		);
	}

	close(): Promise<void> {
		return this.mutex.run(async () => {
			await this.ctx.checkpoints.idle();
			if (this.ctx.sqlite.open) this.ctx.sqlite.close();
		});
	}
}

function repositories(ctx: SqliteContext, exec: Executor): Repositories {
	return {
		items: new SqliteItemRepository(ctx, exec),
		media: new SqliteMediaRepository(ctx, exec),
		vocabularies: new SqliteVocabularyRepository(ctx, exec),
		collections: new SqliteCollectionRepository(ctx, exec),
		audit: new SqliteAuditRepository(ctx, exec),
		tiles: new SqliteTileRepository(ctx)
	};
}
