/**
 * A big import's search index (FTS5) and spatial index (R*Tree), built on a second core.
 *
 * Writing both indexes was about a quarter of a 1M-item import, all on the app's one connection.
 * Instead, while the import writes its rows, a worker thread (sqlite-worker.ts) builds the same two
 * virtual tables, from the same rows, in a scratch database next to the main one. At the end the
 * app's connection, still inside the import's transaction, drops its (then stale) index tables,
 * creates them again from their own DDL, and copies the scratch copies' shadow tables in: a few
 * hundred thousand plain rows instead of tokenising millions of texts. The thread reads those
 * tables back while the app's thread rebuilds the secondary indexes (`finish`, then `install`).
 *
 * Why this is sound:
 * - The scratch tables are created from the main database's own `CREATE VIRTUAL TABLE` text and
 *   page size, so their shadow tables have the same layout and node size. The rows fed to them
 *   are what the serial path's SELECTs (INDEX_SOURCES) would read: the rows already there are read
 *   with those SELECTs; each new batch is taken from the values the writer has just bound
 *   (IndexRows), which costs the app's thread far less than reading them back.
 * - Only a build that covers every row qualifies: it starts from all rows already there, then gets
 *   each batch as it is written. The importer uses it only for a small database (where it also
 *   rebuilds the secondary indexes), so "all rows" is at most a few thousand extra.
 * - Dropping and creating the tables again gives FTS5 and R*Tree fresh objects with nothing cached,
 *   so they read the copied structure. FTS5's `_config` is not copied: the scratch index ran with a
 *   bulk hash size, and the new table starts from FTS5's defaults (the app sets no other option
 *   there; one it ever sets must be set again after `install`).
 * - It all happens in the import's transaction: a failure anywhere rolls it back. If the thread
 *   fails, nothing has been replaced and the import indexes serially instead. The scratch file is
 *   deleted either way, or by the next import if the process died.
 *
 * index-upkeep.spec.ts checks the result with FTS5's `integrity-check` and `rtreecheck`, compares
 * searches and boxes with the serial path, and writes through the indexes afterwards.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import {
	BULK_SEARCH_HASH,
	INDEX_SOURCES,
	rtreeBox,
	searchHashSql,
	type IndexName
} from './index-sources';
import type { SqliteContext } from './sqlite-context';
import { SqliteWorker, type Columns } from './sqlite-worker';

const INDEX_NAMES = Object.keys(INDEX_SOURCES) as IndexName[];

/** Rows per multi-row INSERT when copying shadow tables in. */
const COPY_ROWS = 500;

const SCRATCH_PREFIX = '.import-';
const SCRATCH_SUFFIX = '.tmp';

/**
 * The index rows of what a write has just inserted, column by column: text ids and their folded
 * text (item_texts_fts), and item ids with their R*Tree box (items_rtree). Numbers go in plain
 * arrays here and travel as Float64Arrays, which move to the worker without copying.
 */
export class IndexRows {
	readonly textIds: number[] = [];
	readonly folds: string[] = [];
	/** id, min_lng, max_lng, min_lat, max_lat per located item. */
	readonly boxes: number[] = [];

	text(id: number, fold: string): void {
		this.textIds.push(id);
		this.folds.push(fold);
	}

	/** The item's R*Tree entry (rtreeBox), if it has a point. */
	item(
		id: number,
		lng: number | null,
		lat: number | null,
		publicLng: number | null,
		publicLat: number | null
	): void {
		const box = rtreeBox(lng, lat, publicLng, publicLat);
		if (box) this.boxes.push(id, box[0], box[1], box[2], box[3]);
	}

	get size(): number {
		return Math.max(this.textIds.length, this.boxes.length / 5);
	}
}

type ScratchTables = Array<{ table: string; columns: Columns }>;

/** Scratch files this process is using (a crashed process's, with any pid, are stale). */
const ownScratchFiles = new Set<string>();

export class SideIndexBuild {
	private rows = new IndexRows();
	/** The scratch copies' shadow tables, read on the thread (see `finish`). */
	private exported: Promise<ScratchTables> | undefined;

	private constructor(
		private readonly worker: SqliteWorker,
		private readonly file: string,
		private readonly ddl: Record<IndexName, string>,
		/** Rows per statement on the thread (tuning.sideIndexChunkRows). */
		private readonly chunkRows: number
	) {}

	/**
	 * Starts a build for `ctx`'s database, seeded with every row it holds now. Null for an
	 * in-memory database (nowhere to put the scratch file, and never big).
	 */
	static start(ctx: SqliteContext): SideIndexBuild | null {
		if (ctx.sqlite.memory) return null;
		removeStaleScratchFiles(ctx.sqlite.name);
		const file = `${ctx.sqlite.name}${SCRATCH_PREFIX}${process.pid}-${Date.now()}${SCRATCH_SUFFIX}`;
		const ddl = {} as Record<IndexName, string>;
		for (const name of INDEX_NAMES) {
			const row = ctx
				.stmt<{ sql: string }>('SELECT sql FROM sqlite_schema WHERE name = ?')
				.get(name);
			if (!row) throw new Error(`The table ${name} is missing; run the migrations.`);
			ddl[name] = row.sql;
		}
		const worker = SqliteWorker.open(file, [
			// Before any table: R*Tree sizes its nodes from the page size, and the copy must match.
			`page_size = ${Math.trunc(ctx.pageSize())}`,
			// A scratch file: nothing to recover after a crash, so no journal and no syncing.
			'journal_mode = OFF',
			'synchronous = OFF',
			'cache_size = -64000'
		]);
		ownScratchFiles.add(resolve(file));
		const build = new SideIndexBuild(worker, file, ddl, ctx.tuning.sideIndexChunkRows);
		try {
			for (const name of INDEX_NAMES) worker.exec(ddl[name]);
			worker.exec(searchHashSql(BULK_SEARCH_HASH));
			worker.exec('BEGIN');
			build.seed(ctx);
		} catch (e) {
			void build.abort();
			throw e;
		}
		return build;
	}

	/** Queues every row the two tables hold now, read with the serial path's SELECTs. */
	private seed(ctx: SqliteContext): void {
		const maxId = (table: string) =>
			ctx.stmt<{ n: number | null }>(`SELECT max(id) AS n FROM ${table}`).get()!.n ?? 0;
		const read = (name: IndexName, table: string) =>
			ctx.sqlite
				.prepare(INDEX_SOURCES[name].select)
				.raw(true)
				.iterate(1, maxId(table)) as IterableIterator<unknown[]>;
		for (const [id, fold] of read('item_texts_fts', 'item_texts')) {
			this.rows.text(id as number, fold as string);
		}
		for (const row of read('items_rtree', 'items')) this.rows.boxes.push(...(row as number[]));
		this.flushIfFull();
	}

	/** Where the writer puts the index rows of the next batch (ItemWriter.insertMany's capture). */
	get capture(): IndexRows {
		return this.rows;
	}

	/** After each batch: sends the captured rows once there is a chunk of them. */
	batchWritten(): void {
		this.flushIfFull();
	}

	private flushIfFull(): void {
		if (this.rows.size >= this.chunkRows) this.flush();
	}

	private flush(): void {
		const { textIds, folds, boxes } = this.rows;
		this.rows = new IndexRows();
		if (textIds.length) {
			this.worker.feed(
				`INSERT INTO item_texts_fts (${INDEX_SOURCES.item_texts_fts.columns}) SELECT CAST(c0 AS INTEGER), c1 FROM feed2`,
				[Float64Array.from(textIds), folds]
			);
		}
		if (boxes.length) {
			const n = boxes.length / 5;
			const columns = Array.from({ length: 5 }, () => new Float64Array(n));
			for (let i = 0; i < n; i++) {
				for (let c = 0; c < 5; c++) columns[c][i] = boxes[i * 5 + c];
			}
			this.worker.feed(
				`INSERT INTO items_rtree (${INDEX_SOURCES.items_rtree.columns}) SELECT CAST(c0 AS INTEGER), c1, c2, c3, c4 FROM feed5`,
				columns
			);
		}
	}

	/**
	 * Ends the feed: the thread finishes the last rows and reads its shadow tables back, while
	 * this thread goes on (rebuilding the secondary indexes). Then call `install`.
	 */
	finish(ctx: SqliteContext): void {
		this.flush();
		this.worker.exec('COMMIT');
		// The main database has the same shadow tables (same DDL), so the reads can all be sent now:
		// waiting for a reply first would wait for this thread, busy with the index rebuild.
		const names = ctx
			.stmt<{ name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table'`)
			.all()
			.map((r) => r.name);
		this.exported = Promise.all(
			shadowTables(names).map(async (table) => ({
				table,
				columns: await this.worker.select(`SELECT * FROM "${table}"`)
			}))
		);
		this.exported.catch(() => {}); // install (or abort) reports it
	}

	/**
	 * The scratch copies' shadow tables, once the thread is done (after `finish`). Rejects if the
	 * thread failed; the import can then still index serially, nothing having been replaced yet.
	 */
	async collect(): Promise<ScratchTables> {
		if (!this.exported) throw new Error('SideIndexBuild.collect needs finish() first.');
		try {
			const tables = await this.exported;
			await this.worker.close();
			return tables;
		} finally {
			this.removeFile();
		}
	}

	/**
	 * Replaces the main database's index tables with `tables` (from `collect`). Call inside the
	 * import's transaction, with nothing else reading those tables.
	 */
	install(ctx: SqliteContext, tables: ScratchTables): void {
		for (const name of INDEX_NAMES) {
			ctx.sqlite.exec(`DROP TABLE ${name}`);
			ctx.sqlite.exec(this.ddl[name]);
		}
		// Shadow tables are read-only in better-sqlite3's default (defensive) mode.
		ctx.sqlite.unsafeMode(true);
		try {
			for (const { table, columns } of tables) insertColumns(ctx.sqlite, table, columns);
		} finally {
			ctx.sqlite.unsafeMode(false);
		}
	}

	/** Stops the worker and deletes the scratch file (after a failed import). */
	async abort(): Promise<void> {
		try {
			await this.worker.abort();
		} finally {
			this.removeFile();
		}
	}

	private removeFile(): void {
		ownScratchFiles.delete(resolve(this.file));
		for (const suffix of ['', '-journal', '-wal', '-shm']) {
			try {
				rmSync(this.file + suffix, { force: true });
			} catch (e) {
				// Never hide the import's own outcome; the next import removes it as stale.
				console.warn(`Could not remove the scratch file ${this.file}${suffix}: ${e}`);
			}
		}
	}
}

/** Of a database's tables, the shadow tables of INDEX_NAMES except FTS5's config. */
function shadowTables(names: string[]): string[] {
	return names
		.filter((n) => INDEX_NAMES.some((v) => n.startsWith(`${v}_`)) && n !== 'item_texts_fts_config')
		.sort();
}

/** Replaces `table`'s rows in `db` with `columns` (the table's columns, in order). */
function insertColumns(db: BetterSqlite3.Database, table: string, columns: Columns): void {
	db.exec(`DELETE FROM "${table}"`);
	const width = columns.length;
	const count = width ? columns[0].length : 0;
	const one = `(${Array(width).fill('?').join(', ')})`;
	const insert = (rows: number) =>
		db.prepare(`INSERT INTO "${table}" VALUES ${Array(rows).fill(one).join(', ')}`);
	const full = count >= COPY_ROWS ? insert(COPY_ROWS) : undefined;
	for (let start = 0; start < count; start += COPY_ROWS) {
		const rows = Math.min(COPY_ROWS, count - start);
		const values = new Array<unknown>(rows * width);
		for (let r = 0; r < rows; r++) {
			for (let c = 0; c < width; c++) values[r * width + c] = columns[c][start + r];
		}
		(rows === COPY_ROWS ? full! : insert(rows)).run(values);
	}
}

/** Scratch files of imports whose process is gone (a crash mid-import leaves one behind). */
function removeStaleScratchFiles(dbFile: string): void {
	const dir = dirname(dbFile);
	const prefix = basename(dbFile) + SCRATCH_PREFIX;
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir)) {
		if (!name.startsWith(prefix) || !name.includes(SCRATCH_SUFFIX)) continue;
		if (ownScratchFiles.has(resolve(dir, name.replace(/-(journal|wal|shm)$/, '')))) continue;
		const pid = Number(name.slice(prefix.length).split('-')[0]);
		// Another live process's import. The same pid with the file not in ownScratchFiles is this
		// process's predecessor (containers reuse pids), which crashed.
		if (pid !== process.pid && isRunning(pid)) continue;
		try {
			rmSync(join(dir, name), { force: true });
		} catch (e) {
			console.warn(`Could not remove the stale scratch file ${name}: ${e}`);
		}
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}
