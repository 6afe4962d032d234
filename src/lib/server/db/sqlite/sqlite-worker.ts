/**
 * A second SQLite connection on its own thread, for work that can run beside the app's connection
 * on another core: building a bulk import's search and spatial indexes in a scratch database
 * (side-index-build.ts) and checkpointing the WAL after a big commit (wal-checkpoint.ts).
 *
 * The thread runs a small fixed script (WORKER_SOURCE) that applies the messages it is sent in
 * order; the app never waits for each one. Rows reach SQL through table-valued functions, `feed1` … `feed5` (by row width),
 * so a whole chunk goes in by one INSERT…SELECT: virtual tables flush or drop their caches at every
 * statement of a transaction, so a chunk per statement is what keeps FTS5 from writing thousands
 * of tiny segments. The first failure is kept; `close` rejects with it.
 *
 * The script is passed as source (`eval`), not as a file, so it works unchanged from the sources,
 * the tests and the built server; it loads the same better-sqlite3 the app resolved.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The widest `feedN` table-valued function. */
const FEED_COLUMNS = 5;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
let columns = [];
let failed = null;
parentPort.on('message', (m) => {
	if (failed === null) {
		try {
			if (m.op === 'open') {
				db = new Database(m.file);
				for (const p of m.pragmas) db.pragma(p);
				for (let n = 1; n <= ${FEED_COLUMNS}; n++) {
					db.table('feed' + n, {
						columns: Array.from({ length: n }, (_, i) => 'c' + i),
						rows: function* () {
							const count = columns.length ? columns[0].length : 0;
							for (let i = 0; i < count; i++) yield columns.map((c) => c[i]);
						}
					});
				}
			} else if (m.op === 'exec') {
				db.exec(m.sql);
			} else if (m.op === 'feed') {
				columns = m.columns;
				try { db.prepare(m.sql).run(); } finally { columns = []; }
			} else if (m.op === 'select') {
				// Column by column. A column of integers arrives as a BigInt64Array (binds back as
				// INTEGER), one of other numbers as a Float64Array: both move without a copy.
				const rows = db.prepare(m.sql).raw(true).safeIntegers(true).all();
				const width = rows.length ? rows[0].length : 0;
				const out = [];
				const transfer = [];
				for (let c = 0; c < width; c++) {
					const values = rows.map((r) => r[c]);
					const kind = typeof values[0];
					let col = values;
					if ((kind === 'bigint' || kind === 'number') && values.every((v) => typeof v === kind)) {
						col = kind === 'bigint' ? BigInt64Array.from(values) : Float64Array.from(values);
						transfer.push(col.buffer);
					}
					out.push(col);
				}
				parentPort.postMessage({ type: 'rows', id: m.id, columns: out }, transfer);
			}
		} catch (e) {
			failed = String((e && e.message) || e);
		}
	}
	if (m.op === 'select' && failed !== null) parentPort.postMessage({ type: 'rows', id: m.id, error: failed });
	if (m.op === 'close') {
		try { if (db && db.open) db.close(); } catch (e) { failed = failed || String((e && e.message) || e); }
		parentPort.postMessage({ type: 'closed', error: failed });
	}
});
`;

/** A result read on the thread, column by column (see `select`). */
export type Columns = Array<BigInt64Array | Float64Array | unknown[]>;

type Reply =
	| { type: 'closed'; error: string | null }
	| { type: 'rows'; id: number; columns?: Columns; error?: string };

export class SqliteWorker {
	private readonly closed: Promise<void>;
	private readonly selects = new Map<
		number,
		{ resolve: (c: Columns) => void; reject: (e: Error) => void }
	>();
	private nextId = 0;

	private constructor(private readonly worker: Worker) {
		this.closed = new Promise<void>((resolve, reject) => {
			worker.on('message', (m: Reply) => {
				if (m.type === 'closed') {
					if (m.error === null) resolve();
					else reject(new Error(m.error));
					return;
				}
				const pending = this.selects.get(m.id);
				this.selects.delete(m.id);
				if (m.error !== undefined) pending?.reject(new Error(m.error));
				else pending?.resolve(m.columns ?? []);
			});
			worker.once('error', reject);
			worker.once('exit', (code) => reject(new Error(`The SQLite worker stopped (code ${code}).`)));
		});
		// Whoever drops a worker without close() must not crash the process with an unhandled rejection.
		this.closed.catch((e: Error) => {
			for (const pending of this.selects.values()) pending.reject(e);
			this.selects.clear();
		});
	}

	/** Opens `file` (created if missing) on a new thread and applies `pragmas` (`name = value`). */
	static open(file: string, pragmas: string[] = []): SqliteWorker {
		const driver = createRequire(import.meta.url).resolve('better-sqlite3');
		const worker = new SqliteWorker(
			new Worker(WORKER_SOURCE, { eval: true, workerData: { driver } })
		);
		worker.worker.postMessage({ op: 'open', file, pragmas });
		return worker;
	}

	exec(sql: string): void {
		this.worker.postMessage({ op: 'exec', sql });
	}

	/**
	 * Runs `sql` once with the rows of `columns` (equal lengths, at most 5 columns) readable as
	 * `feedN(c0, …)`, N the number of columns. Float64Array columns move to the thread without a
	 * copy and are unusable here afterwards; other arrays are copied.
	 */
	feed(sql: string, columns: Array<Float64Array | unknown[]>): void {
		if (columns.length === 0 || columns.length > FEED_COLUMNS) {
			throw new Error(`feed takes 1 to ${FEED_COLUMNS} columns.`);
		}
		if (columns[0].length === 0) return;
		const transfer = columns.flatMap((c) =>
			c instanceof Float64Array ? [c.buffer as ArrayBuffer] : []
		);
		this.worker.postMessage({ op: 'feed', sql, columns }, transfer);
	}

	/**
	 * The rows of `sql` once every earlier message has run, column by column: a column of integers
	 * only as a BigInt64Array, of other numbers as a Float64Array, anything else as an array with
	 * integers as bigints, so every value binds back with its SQL type (an empty result has no
	 * columns). Rejects with the first failure of this connection, earlier ones included.
	 */
	select(sql: string): Promise<Columns> {
		const id = this.nextId++;
		const result = new Promise<Columns>((resolve, reject) => {
			this.selects.set(id, { resolve, reject });
		});
		this.worker.postMessage({ op: 'select', sql, id });
		return result;
	}

	/** Closes the connection after every message sent; rejects with the first failure. */
	async close(): Promise<void> {
		this.worker.postMessage({ op: 'close' });
		try {
			await this.closed;
		} finally {
			await this.worker.terminate();
		}
	}

	/** Stops the thread now, whatever it was doing (its connection's work is lost). */
	async abort(): Promise<void> {
		await this.worker.terminate();
	}
}
