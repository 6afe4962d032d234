/**
 * Checkpoints after a bulk import, on another thread.
 *
 * In WAL mode a commit only appends to the -wal file; a checkpoint later copies those pages into
 * the database file. SQLite runs one automatically at the commit that takes the WAL past 1000 pages,
 * on the committing connection, so after a million-item import the app's thread spent ~6 s
 * copying 2 GB before the import could report that it was done. The import is durable as soon as
 * its commit returns, so the copy can happen beside the app instead: `deferCheckpoint` turns the
 * automatic checkpoint off for that commit and runs a PASSIVE checkpoint on a worker connection
 * (sqlite-worker.ts). PASSIVE never blocks readers or writers; the TRUNCATE after it only resets
 * the by then copied WAL, and waits at most 50 ms for readers (writers wait that long at worst).
 */
import { statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { SqliteWorker } from './sqlite-worker';

export class BackgroundCheckpoint {
	private running: Promise<void> = Promise.resolve();
	/** Deferred commits whose checkpoint has not finished; the automatic one stays off meanwhile. */
	private pending = 0;
	/** The connection's own wal_autocheckpoint, restored when nothing is pending. */
	private readonly autoPages: number;

	constructor(private readonly sqlite: BetterSqlite3.Database) {
		this.autoPages = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
	}

	/**
	 * Runs `commit` (which must commit a transaction of its own, not a savepoint) with the automatic
	 * checkpoint off; if that added more to the WAL than the automatic one would have allowed,
	 * copies it on a worker thread and keeps the automatic one off until that is done (else the
	 * app's next commit would do the copy itself). In-memory databases, and calls made inside a
	 * transaction (no commit of theirs to defer), just run `commit`.
	 */
	async deferCheckpoint<T>(commit: () => Promise<T>): Promise<T> {
		if (this.sqlite.memory || this.sqlite.inTransaction || this.autoPages <= 0) return commit();
		this.hold();
		const before = this.walBytes();
		let result: T;
		try {
			result = await commit();
		} catch (e) {
			this.release();
			throw e;
		}
		// Growth of the file is what the commit added beyond what was there (the WAL is reused from
		// its start after a checkpoint): a lower bound, which is all the decision needs.
		const pageSize = this.sqlite.pragma('page_size', { simple: true }) as number;
		if (this.walBytes() - before > this.autoPages * pageSize) this.checkpointAside();
		else this.release();
		return result;
	}

	/** Resolves once no background checkpoint runs (before closing the database). */
	idle(): Promise<void> {
		return this.running;
	}

	private hold(): void {
		if (this.pending++ === 0) this.sqlite.pragma('wal_autocheckpoint = 0');
	}

	private release(): void {
		if (--this.pending === 0 && this.sqlite.open) {
			this.sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(this.autoPages)}`);
		}
	}

	private walBytes(): number {
		try {
			return statSync(`${this.sqlite.name}-wal`).size;
		} catch {
			return 0;
		}
	}

	private checkpointAside(): void {
		const file = this.sqlite.name;
		this.running = this.running.then(async () => {
			try {
				const worker = SqliteWorker.open(file, ['busy_timeout = 5000']);
				worker.exec('PRAGMA wal_checkpoint(PASSIVE)');
				// Then empty the WAL: until it is, every page read looks through the index of a WAL
				// holding the whole import (map queries after a 1M import were ~1 ms slower until the
				// next write). TRUNCATE holds new writers back while it waits for readers, so it waits
				// briefly and otherwise leaves it to the next writer, which restarts the WAL anyway.
				worker.exec('PRAGMA busy_timeout = 50');
				worker.exec('PRAGMA wal_checkpoint(TRUNCATE)');
				await worker.close();
			} catch (e) {
				// The pages stay in the WAL, where the next checkpoint copies them.
				console.warn(`Background WAL checkpoint failed: ${e}`);
			} finally {
				this.release();
			}
		});
	}
}
