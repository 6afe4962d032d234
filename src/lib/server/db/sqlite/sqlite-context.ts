/**
 * What every SQLite repository shares: the connection, a statement cache, and the executor that
 * decides how a write runs (serialised by the mutex outside a transaction, inside it for `tx`).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { CountCache } from './count-cache';
import type * as schema from './schema';

export type Orm = BetterSQLite3Database<typeof schema>;

export interface Executor {
	/** Runs synchronous writes atomically (a transaction, or a savepoint inside one). */
	write<T>(fn: () => T): Promise<T>;
}

export class SqliteContext {
	private readonly statements = new Map<string, BetterSqlite3.Statement>();
	/** Shared by the outer and transaction repositories, so one clear reaches both. */
	readonly counts: CountCache;

	constructor(
		readonly sqlite: BetterSqlite3.Database,
		readonly orm: Orm
	) {
		this.counts = new CountCache(sqlite);
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
}

/** ISO-8601 UTC now, strictly after `previous` (so updatedAt always moves forward). */
export function isoNow(previous?: string): string {
	const now = Date.now();
	const floor = previous ? Date.parse(previous) + 1 : 0;
	return new Date(Math.max(now, floor)).toISOString();
}
