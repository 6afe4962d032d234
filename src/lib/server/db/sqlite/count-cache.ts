/**
 * Item counts per (scope, filter), kept until the items change. Counting a million rows takes
 * ~60 ms even on a covering index, and every list page needs a total; reads far outnumber writes.
 *
 * Cleared by every item write on this connection and at the end of every transaction (a count
 * read inside one may include rows that then roll back); `PRAGMA data_version` catches commits
 * by other connections (a seed script, another process).
 */
import type BetterSqlite3 from 'better-sqlite3';

const MAX_ENTRIES = 1_000;

export class CountCache {
	private readonly counts = new Map<string, number>();
	private version: unknown;
	private readonly dataVersion: BetterSqlite3.Statement;

	constructor(sqlite: BetterSqlite3.Database) {
		this.dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
	}

	get(key: string, compute: () => number): number {
		const version = this.dataVersion.get();
		if (version !== this.version) {
			this.counts.clear();
			this.version = version;
		}
		let n = this.counts.get(key);
		if (n === undefined) {
			n = compute();
			if (this.counts.size >= MAX_ENTRIES) this.counts.clear();
			this.counts.set(key, n);
		}
		return n;
	}

	clear(): void {
		this.counts.clear();
	}
}
