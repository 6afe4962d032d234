/**
 * What every SQLite repository shares: the connection, a statement cache, and the executor that
 * decides how a write runs (serialised by the mutex outside a transaction, inside it for `tx`).
 */
import { totalmem } from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { CountCache } from './count-cache';
import { BackgroundCheckpoint } from './wal-checkpoint';
import type * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface AtomicOptions {
	/**
	 * A bulk import: a big page cache while it runs (tuning.bulkCacheBytes) and, when it is its own
	 * transaction, the WAL checkpoint after its commit on another thread (wal-checkpoint.ts). Both
	 * are set and undone inside the write lock, so no other unit sees them.
	 */
	bulk?: boolean;
}

export interface Executor {
	/** Runs synchronous writes atomically (a transaction, or a savepoint inside one). */
	write<T>(fn: () => T): Promise<T>;
	/**
	 * Runs a unit of writes that awaits between its statements (a bulk import reading its input
	 * batch by batch), atomically: other writes wait for it, and a throw rolls all of it back.
	 */
	writeAsync<T>(fn: () => Promise<T>, opts?: AtomicOptions): Promise<T>;
}

/** Thresholds the tests move to reach both sides of a branch; the defaults are for real data. */
export interface SqliteTuning {
	/**
	 * A bulk import into a small database builds its search and spatial indexes on a second core
	 * once it has written this many items (side-index-build.ts); below, the serial path is cheaper.
	 */
	sideIndexMinItems: number;
	/** Index rows the side build sends its thread per statement (bigger: fewer FTS5 segments). */
	sideIndexChunkRows: number;
	/**
	 * Page cache of a bulk import, in bytes (the connection's usual cache is 32 MB). With the rows
	 * of a big import still in memory, rebuilding the secondary indexes reads no page back from the
	 * WAL: at 1M items the index rebuild took 40 % less. A quarter of the machine's memory, at most
	 * 1 GiB; SQLite only takes what the import fills, and gives it back after.
	 */
	bulkCacheBytes: number;
}

/** The machine's memory, or the container's limit when there is one. */
function memoryBytes(): number {
	const limit = process.constrainedMemory?.() ?? 0;
	return limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

export const DEFAULT_TUNING: SqliteTuning = {
	sideIndexMinItems: 20_000,
	sideIndexChunkRows: 100_000,
	bulkCacheBytes: Math.min(1024 ** 3, Math.floor(memoryBytes() / 4))
};

export class SqliteContext {
	private readonly statements = new Map<string, BetterSqlite3.Statement>();
	/** Shared by the outer and transaction repositories, so one clear reaches both. */
	readonly counts: CountCache;
	/** WAL checkpoints moved off the app's thread after bulk imports. */
	readonly checkpoints: BackgroundCheckpoint;

	constructor(
		readonly sqlite: BetterSqlite3.Database,
		readonly orm: Orm,
		readonly tuning: SqliteTuning = DEFAULT_TUNING
	) {
		this.counts = new CountCache(sqlite);
		this.checkpoints = new BackgroundCheckpoint(sqlite);
	}

	/**
	 * Runs `fn` with the page cache at tuning.bulkCacheBytes (never below the usual one), then puts
	 * the usual size back, which frees the pages above it.
	 */
	private async withBulkCache<T>(fn: () => Promise<T>): Promise<T> {
		const usual = this.sqlite.pragma('cache_size', { simple: true }) as number;
		const bulkKib = Math.floor(this.tuning.bulkCacheBytes / 1024);
		// Negative cache sizes are in KiB; positive ones in pages (compare like with like).
		const usualKib = usual < 0 ? -usual : (usual * this.pageSize()) / 1024;
		if (bulkKib <= usualKib) return fn();
		this.sqlite.pragma(`cache_size = -${bulkKib}`);
		try {
			return await fn();
		} finally {
			if (this.sqlite.open) this.sqlite.pragma(`cache_size = ${Math.trunc(usual)}`);
		}
	}

	pageSize(): number {
		return this.sqlite.pragma('page_size', { simple: true }) as number;
	}

	/** A prepared statement, compiled once per distinct SQL text. */
	stmt<R = unknown>(sql: string): BetterSqlite3.Statement<unknown[], R> {
		let s = this.statements.get(sql);
		if (!s) {
			s = this.sqlite.prepare(sql);
			this.statements.set(sql, s);
		}
		return s as BetterSqlite3.Statement<unknown[], R>;
	}

	/** better-sqlite3 transaction functions nest as savepoints, so a failed write leaves nothing. */
	atomic<T>(fn: () => T): T {
		return this.sqlite.transaction(fn)();
	}

	/**
	 * `atomic` for a unit that awaits: its own transaction, or a savepoint when one is open.
	 * The caller must hold the write lock for the whole of it (see `Executor.writeAsync`).
	 */
	async atomicAsync<T>(fn: () => Promise<T>, opts: AtomicOptions = {}): Promise<T> {
		const nested = this.sqlite.inTransaction;
		if (!opts.bulk) return this.transactionAsync(fn, nested);
		return this.withBulkCache(() =>
			nested
				? this.transactionAsync(fn, true)
				: this.checkpoints.deferCheckpoint(() => this.transactionAsync(fn, false))
		);
	}

	private async transactionAsync<T>(fn: () => Promise<T>, nested: boolean): Promise<T> {
		this.sqlite.exec(nested ? 'SAVEPOINT atomic_async' : 'BEGIN IMMEDIATE');
		try {
			const result = await fn();
			this.sqlite.exec(nested ? 'RELEASE atomic_async' : 'COMMIT');
			return result;
		} catch (e) {
			if (nested) this.sqlite.exec('ROLLBACK TO atomic_async; RELEASE atomic_async');
			else if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
			throw e;
		}
	}
}

/** ISO-8601 UTC now, strictly after `previous` (so updatedAt always moves forward). */
export function isoNow(previous?: string): string {
	const now = Date.now();
	const floor = previous ? Date.parse(previous) + 1 : 0;
	return new Date(Math.max(now, floor)).toISOString();
}
