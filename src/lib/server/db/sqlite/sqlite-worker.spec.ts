import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteWorker } from './sqlite-worker';
import { BackgroundCheckpoint } from './wal-checkpoint';

describe('second SQLite connection on a worker thread', () => {
	let dir: string;
	let file: string;
	let db: BetterSqlite3.Database;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'disan-worker-'));
		file = join(dir, 'w.sqlite');
		db = new BetterSqlite3(file);
		db.pragma('journal_mode = WAL');
		db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
	});
	afterEach(() => {
		if (db.open) db.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** One transaction of `rows` rows of 1 KB, committed like Executor.writeAsync does. */
	async function bigCommit(rows: number): Promise<void> {
		await Promise.resolve();
		db.exec('BEGIN IMMEDIATE');
		const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
		for (let i = 0; i < rows; i++) insert.run(`${i}`.padEnd(1000, 'x'));
		db.exec('COMMIT');
	}

	it('feeds and selects column arrays, in order, and reports the first failure', async () => {
		const worker = SqliteWorker.open(file, ['busy_timeout = 5000']);
		worker.exec('CREATE TABLE fed (id INTEGER PRIMARY KEY, name TEXT, x REAL)');
		worker.feed('INSERT INTO fed SELECT CAST(c0 AS INTEGER), c1, c2 FROM feed3', [
			Float64Array.from([1, 2, 3]),
			['một', 'hai', 'ba'],
			Float64Array.from([0.5, 1.5, 2.5])
		]);
		worker.exec('UPDATE fed SET x = x * 2');
		const [ids, names, xs, blobs] = await worker.select(
			`SELECT id, name, x, CAST(name AS BLOB) FROM fed ORDER BY id`
		);
		expect(ids).toEqual(BigInt64Array.from([1n, 2n, 3n]));
		expect(names).toEqual(['một', 'hai', 'ba']);
		expect(xs).toEqual(Float64Array.from([1, 3, 5]));
		expect((blobs as Uint8Array[]).map((b) => Buffer.from(b).toString())).toEqual([
			'một',
			'hai',
			'ba'
		]);
		expect(await worker.select('SELECT * FROM fed WHERE id > 10')).toEqual([]);
		await worker.close();
		expect(db.prepare('SELECT id, name, x, typeof(id) AS t FROM fed ORDER BY id').all()).toEqual([
			{ id: 1, name: 'một', x: 1, t: 'integer' },
			{ id: 2, name: 'hai', x: 3, t: 'integer' },
			{ id: 3, name: 'ba', x: 5, t: 'integer' }
		]);

		const failing = SqliteWorker.open(file);
		failing.exec('INSERT INTO missing_table VALUES (1)');
		failing.exec('CREATE TABLE after_failure (x)'); // skipped: the first failure stops the rest
		await expect(failing.select('SELECT 1')).rejects.toThrow(/no such table: missing_table/);
		await expect(failing.close()).rejects.toThrow(/no such table: missing_table/);
		expect(
			db.prepare(`SELECT count(*) AS n FROM sqlite_schema WHERE name = 'after_failure'`).get()
		).toEqual({ n: 0 });
	});

	it('moves a big commit’s checkpoint to a worker and restores the automatic one after', async () => {
		const checkpoints = new BackgroundCheckpoint(db);
		const before = statSync(file).size;
		await checkpoints.deferCheckpoint(() => bigCommit(4000));
		// Committed into the WAL; the automatic checkpoint stays off until the worker has copied it.
		expect(statSync(`${file}-wal`).size).toBeGreaterThan(4_000_000);
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
		await checkpoints.idle();
		expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
		expect(statSync(`${file}-wal`).size).toBe(0); // emptied, so reads skip the WAL index
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
		expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 4000 });
	});

	it('leaves small commits, failed ones and nested ones to the usual checkpoint', async () => {
		const checkpoints = new BackgroundCheckpoint(db);
		await checkpoints.deferCheckpoint(() => bigCommit(10));
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

		await expect(
			checkpoints.deferCheckpoint(async () => {
				db.exec('BEGIN');
				db.exec('ROLLBACK');
				throw new Error('import failed');
			})
		).rejects.toThrow('import failed');
		expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

		db.exec('BEGIN');
		let seen: unknown;
		await checkpoints.deferCheckpoint(async () => {
			seen = db.pragma('wal_autocheckpoint', { simple: true });
		});
		db.exec('COMMIT');
		expect(seen).toBe(1000);
	});
});
