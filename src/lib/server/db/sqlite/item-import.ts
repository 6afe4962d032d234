/**
 * Bulk import on SQLite (ItemRepository.importMany): every batch in one transaction, with the
 * upkeep that makes row-by-row writes slow moved to the end.
 *
 * - The R*Tree and the full-text index are written once, after the last batch, by one
 *   INSERT…SELECT each over the imported id range (createMany does the same per call). Into a
 *   small database, an import that passes `tuning.sideIndexMinItems` items has them built on a
 *   second core instead, while it writes its rows (side-index-build.ts).
 * - Into a (nearly) empty database, the secondary indexes of the item tables are dropped first
 *   and created again at the end: building an index from sorted rows is much cheaper than a
 *   million inserts at random places in it (items_slug_unique above all). A duplicate slug then
 *   shows when items_slug_unique is created again, and becomes the usual ConflictError.
 * - All inside one transaction (or a savepoint of the caller's): a failure in any batch, or at
 *   the end, rolls back every row, index entry and dropped index, so there is no half-import.
 *
 * `synchronous` and `journal_mode` are left alone. With one transaction there is one commit, so
 * `synchronous` costs one fsync either way; `journal_mode` cannot change inside a transaction, and
 * leaving WAL needs the database to itself (other connections, such as the bench's reader, may
 * have it open), so the import keeps WAL and its crash safety: a crash mid-import leaves the
 * database as it was. The repository runs it as a bulk write (AtomicOptions.bulk: bigger page
 * cache, checkpoint on another thread).
 *
 * The connection is shared: reads that run between batches (they do not take the write lock) see
 * the import so far, and without the dropped indexes they are slower until it ends.
 */
import type { NewItem } from '$lib/domain/types';
import { ConflictError } from '$lib/server/errors';
import type { ItemWriter } from './item-write';
import { BULK_SEARCH_HASH, FTS5_DEFAULT_HASH, searchHashSql } from './index-sources';
import { SideIndexBuild } from './side-index-build';
import { isoNow, type SqliteContext } from './sqlite-context';
import { isUniqueViolation } from './sqlite-errors';

/** Tables whose secondary indexes an import into a small database drops and rebuilds. */
const DEFERRED_TABLES = ['items', 'item_texts', 'item_terms', 'item_groups'];

/**
 * Up to this many items already there, rebuilding the indexes at the end costs little next to
 * keeping them during the import; above it an import keeps them (it may be a few records).
 */
const DEFER_MAX_EXISTING = 10_000;

export class ItemImporter {
	constructor(
		private readonly ctx: SqliteContext,
		private readonly writer: ItemWriter
	) {}

	/** Call inside the write lock and an open transaction (Executor.writeAsync). */
	async run(
		batches: AsyncIterable<NewItem[]> | Iterable<NewItem[]>,
		onProgress?: (done: number) => void
	): Promise<number> {
		const existing = this.ctx.stmt<{ n: number }>('SELECT count(*) AS n FROM items').get()!.n;
		const small = existing <= DEFER_MAX_EXISTING;
		const dropped = small ? this.dropIndexes() : [];
		// Id ranges to index at the end, unless a side build does it (kept for its fallback).
		const items: Array<[number, number]> = [];
		const texts: Array<[number, number]> = [];
		let side: SideIndexBuild | null = null;
		this.writer.takePending();
		let done = 0;
		try {
			for await (const batch of batches) {
				if (batch.length === 0) continue;
				this.writer.assertTermsExist(batch);
				done += this.writer.insertMany(batch, isoNow(), side?.capture).length;
				const pending = this.writer.takePending();
				items.push(...pending.items);
				texts.push(...pending.texts);
				if (side) side.batchWritten();
				// Big enough to be worth a second core: the side build starts from every row so far.
				else if (small && done >= this.ctx.tuning.sideIndexMinItems) {
					side = SideIndexBuild.start(this.ctx);
				}
				onProgress?.(done);
			}
			side?.finish(this.ctx); // its last rows go in on the other thread while the indexes are rebuilt
			this.recreateIndexes(dropped);
			const built = side ? await this.collect(side) : null;
			side = null;
			if (built) built.build.install(this.ctx, built.tables);
			else this.withSearchHash(() => this.writer.index(merged(items), merged(texts)));
		} finally {
			this.writer.takePending();
			await side?.abort();
		}
		return done;
	}

	/** The side build's tables, or null (with a warning) if its thread failed: then index serially. */
	private async collect(build: SideIndexBuild) {
		try {
			return { build, tables: await build.collect() };
		} catch (e) {
			console.warn(
				`Building the search and map indexes on a second thread failed (${e}); indexing here instead.`
			);
			await build.abort();
			return null;
		}
	}

	/**
	 * Runs `fn` with FTS5's in-memory hash of pending terms at BULK_SEARCH_HASH instead of the 1 MB
	 * default. FTS5 writes that hash out as a new segment whenever it is full and merges segments as
	 * they pile up; with the default, indexing a million items' texts spent half its time merging
	 * (1M items: 26 s → 12 s, about as many index pages afterwards, the same query times). The
	 * setting lives in the index's config table, so it is put back after, in the same transaction.
	 */
	private withSearchHash(fn: () => void): void {
		this.ctx.sqlite.exec(searchHashSql(BULK_SEARCH_HASH));
		try {
			fn();
		} finally {
			this.ctx.sqlite.exec(searchHashSql(FTS5_DEFAULT_HASH));
		}
	}

	/** Drops the secondary indexes of DEFERRED_TABLES; returns how to create them again. */
	private dropIndexes(): Array<{ name: string; sql: string }> {
		const indexes = this.ctx
			.stmt<{ name: string; sql: string }>(
				`SELECT name, sql FROM sqlite_master
				WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))
				ORDER BY name`
			)
			.all(JSON.stringify(DEFERRED_TABLES));
		for (const { name } of indexes) this.ctx.sqlite.exec(`DROP INDEX "${name}"`);
		return indexes;
	}

	private recreateIndexes(indexes: Array<{ name: string; sql: string }>): void {
		for (const { sql } of indexes) {
			try {
				this.ctx.sqlite.exec(sql);
			} catch (e) {
				if (!isUniqueViolation(e, 'items.slug')) throw e;
				const dup = this.ctx.sqlite
					.prepare('SELECT slug FROM items GROUP BY slug HAVING count(*) > 1 LIMIT 1')
					.get() as { slug: string } | undefined;
				throw new ConflictError(
					`An item with the slug "${dup?.slug ?? '?'}" already exists. Choose another slug.`
				);
			}
		}
	}
}

/** Adjacent or overlapping ranges joined, so each index is written by as few statements as possible. */
function merged(ranges: Array<[number, number]>): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
		const last = out[out.length - 1];
		if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
		else out.push([from, to]);
	}
	return out;
}
