/**
 * Synchronous item writes shared by create, createMany and update. Callers run them inside
 * `ctx.atomic` so a failure part-way leaves nothing behind.
 */
import type { NewItem, VocabularyScheme } from '$lib/domain/types';
import { publicPointFor } from '$lib/geo/generalise';
import { ConflictError, ValidationError } from '$lib/server/errors';
import { JsonMemo } from '../json-memo';
import { summaryDocJson } from '../summary-doc';
import { codes, textRowsFor } from './item.mapper';
import type { SqliteContext } from './sqlite-context';
import { INDEX_SOURCES, type IndexName } from './index-sources';
import type { IndexRows } from './side-index-build';
import { isUniqueViolation } from './sqlite-errors';

const SCHEME_NAMES: Record<VocabularyScheme, string> = {
	ethnic_group: 'ethnic group',
	item_kind: 'item kind',
	subject: 'subject'
};

export class ItemWriter {
	constructor(private readonly ctx: SqliteContext) {}

	/** ValidationError naming every code that is not in its vocabulary (checked once per batch). */
	assertTermsExist(inputs: Array<Pick<NewItem, 'ethnicGroups' | 'subjects'>>): void {
		const wanted: Array<[VocabularyScheme, Set<string>]> = [
			['ethnic_group', new Set(inputs.flatMap((i) => i.ethnicGroups))],
			['subject', new Set(inputs.flatMap((i) => i.subjects))]
		];
		for (const [scheme, set] of wanted) {
			if (set.size === 0) continue;
			const found = new Set(
				this.ctx
					.stmt<{ code: string }>(
						'SELECT code FROM vocabulary_terms WHERE scheme = ? AND code IN (SELECT value FROM json_each(?))'
					)
					.all(scheme, JSON.stringify([...set]))
					.map((r) => r.code)
			);
			const missing = [...set].filter((c) => !found.has(c)).sort();
			if (missing.length) {
				const name = SCHEME_NAMES[scheme];
				throw new ValidationError(
					`Unknown ${name} code${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
						`Add ${missing.length > 1 ? 'them' : 'it'} to the ${name} vocabulary first, or correct the spelling.`
				);
			}
		}
	}

	/** Rewrites the items row (not its texts or links). */
	updateRow(id: number, input: NewItem, updatedAt: string): void {
		try {
			this.ctx
				.stmt(
					`UPDATE items SET slug = ?, kind = ?, status = ?, visibility = ?, lng = ?, lat = ?,
						public_lng = ?, public_lat = ?, geometry = ?, precision = ?, province = ?, district = ?,
						commune = ?, start_year = ?, end_year = ?, time_label = ?, rights = ?, dc = ?,
						summary_doc = ?, updated_at = ?
					WHERE id = ?`
				)
				.run(...rowValues(input), updatedAt, id);
		} catch (e) {
			throw this.slugConflict(e, input.slug);
		}
	}

	/** Id ranges (inclusive) waiting for the end of the current write (see `indexed`). */
	private pendingTexts: Array<[from: number, to: number]> = [];
	private pendingItems: Array<[from: number, to: number]> = [];

	/**
	 * Runs a unit of item writes, then adds new items to the R*Tree and new texts to the search
	 * index, last. Once a virtual table is written in a transaction, every later statement that
	 * opens a statement journal (trigger or foreign-key inserts) calls its savepoint hook: FTS5
	 * flushes its pending terms, R*Tree drops its node cache. Writing both at the end makes that
	 * once per unit instead of once per row (about 40% of a bulk load). Each is one INSERT…SELECT
	 * per id range, reading the rows just written.
	 */
	indexed<T>(fn: () => T): T {
		this.takePending();
		try {
			const result = fn();
			const { items, texts } = this.takePending();
			this.index(items, texts);
			return result;
		} finally {
			this.takePending();
		}
	}

	/** The id ranges queued since the last call, forgotten here (the bulk import indexes them). */
	takePending(): { items: Array<[number, number]>; texts: Array<[number, number]> } {
		const pending = { items: this.pendingItems, texts: this.pendingTexts };
		this.pendingItems = [];
		this.pendingTexts = [];
		return pending;
	}

	/** Adds the items of `items` to the R*Tree and the texts of `texts` to the search index. */
	index(items: Array<[number, number]>, texts: Array<[number, number]>): void {
		const into = (name: IndexName) => {
			const { columns, select } = INDEX_SOURCES[name];
			return this.ctx.stmt(`INSERT INTO ${name} (${columns}) ${select}`);
		};
		const tree = into('items_rtree');
		for (const [from, to] of items) tree.run(from, to);
		const search = into('item_texts_fts');
		for (const [from, to] of texts) search.run(from, to);
	}

	/**
	 * Inserts full items (rows, texts, links) and queues their index entries (see `indexed`);
	 * with `capture`, also hands it those entries' rows (a bulk import's side build).
	 * Rows go in as multi-row INSERTs of up to CHUNK_ROWS: at a million items the per-statement
	 * cost of one INSERT per row was a large share of the load. Ids are returned in input order.
	 */
	insertMany(inputs: NewItem[], now: string, capture?: IndexRows): number[] {
		const ids: number[] = [];
		// JSON of the columns consecutive records usually share. Per call: nothing can change the
		// inputs while this synchronous write runs, so a reused string is always current.
		const json: RowJson = { rights: new JsonMemo(), dc: new JsonMemo() };
		let firstText: number | undefined;
		let lastText: number | undefined;
		// Chunk by chunk, so the bound values die young (building every row of a big batch first
		// tripled the garbage collector's share of a load). Values go straight into one flat array
		// per statement: per-row arrays and Array#flat were a third of the JavaScript time of a load.
		for (let start = 0; start < inputs.length; start += CHUNK_ROWS) {
			const part = inputs.slice(start, start + CHUNK_ROWS);
			const itemValues: unknown[] = [];
			for (const input of part) pushRowValues(itemValues, input, json);
			const firstId = insertRows(
				this.ctx,
				ITEM_INSERT,
				itemValues,
				(e) => this.slugConflictIn(e, part),
				{ now }
			);
			if (capture) {
				for (let k = 0, at = ITEM_POINT_AT; k < part.length; k++, at += ITEM_INSERT.width) {
					const v = itemValues as Array<number | null>;
					capture.item(firstId + k, v[at], v[at + 1], v[at + 2], v[at + 3]);
				}
			}
			const textValues: unknown[] = [];
			const groupValues: unknown[] = [];
			const subjectValues: unknown[] = [];
			for (let k = 0; k < part.length; k++) {
				const input = part[k];
				const id = firstId + k;
				ids.push(id);
				for (const r of textRowsFor(input)) {
					textValues.push(id, r.lang, r.title, r.summary, r.body, r.fold);
				}
				for (const code of codes(input.ethnicGroups)) groupValues.push(id, code);
				for (const code of codes(input.subjects)) subjectValues.push(id, code);
			}
			if (textValues.length) {
				const first = insertRows(this.ctx, TEXT_INSERT, textValues);
				for (let at = 0; capture && at < textValues.length; at += TEXT_INSERT.width) {
					capture.text(first + at / TEXT_INSERT.width, textValues[at + TEXT_FOLD_AT] as string);
				}
				firstText ??= first;
				lastText = first + textValues.length / TEXT_INSERT.width - 1;
			}
			if (groupValues.length) insertRows(this.ctx, ETHNIC_GROUP_INSERT, groupValues);
			if (subjectValues.length) insertRows(this.ctx, SUBJECT_INSERT, subjectValues);
			for (let k = 0; k < part.length; k++) {
				if (part[k].communityGroups.length) {
					this.writeGroups(firstId + k, part[k].communityGroups, false);
				}
			}
		}
		// Only this unit writes these tables now, so its rowids form one range each.
		if (ids.length) this.pendingItems.push([ids[0], ids[ids.length - 1]]);
		if (firstText !== undefined) this.pendingTexts.push([firstText, lastText!]);
		return ids;
	}

	/**
	 * Writes the per-language text rows and queues them for the search index. This class is the
	 * only writer of item_texts, so it keeps item_texts_fts in step (the migration says why not
	 * triggers). Call inside `indexed`.
	 */
	writeTexts(
		itemId: number,
		input: Pick<NewItem, 'title' | 'summary' | 'body'>,
		replace: boolean
	): void {
		if (replace) {
			this.unindexTexts(itemId);
			this.ctx.stmt('DELETE FROM item_texts WHERE item_id = ?').run(itemId);
		}
		const insert = this.ctx.stmt(
			'INSERT INTO item_texts (item_id, lang, title, summary, body, fold) VALUES (?, ?, ?, ?, ?, ?)'
		);
		for (const r of textRowsFor(input)) {
			const id = Number(
				insert.run(itemId, r.lang, r.title, r.summary, r.body, r.fold).lastInsertRowid
			);
			this.pendingTexts.push([id, id]);
		}
	}

	/** Removes an item's rows from the search index; call before its item_texts rows go away. */
	unindexTexts(itemId: number): void {
		this.ctx
			.stmt(
				`INSERT INTO item_texts_fts (item_texts_fts, rowid, fold)
				SELECT 'delete', id, fold FROM item_texts WHERE item_id = ?`
			)
			.run(itemId);
	}

	writeTerms(itemId: number, scheme: VocabularyScheme, values: string[], replace: boolean): void {
		if (replace) {
			this.ctx.stmt('DELETE FROM item_terms WHERE item_id = ? AND scheme = ?').run(itemId, scheme);
		}
		const insert = this.ctx.stmt('INSERT INTO item_terms (item_id, scheme, code) VALUES (?, ?, ?)');
		for (const code of codes(values)) insert.run(itemId, scheme, code);
	}

	/**
	 * Links community groups. The ports have no group repository yet, so a group named here is
	 * created if missing (slug only); the cultural-protocol check compares slugs.
	 */
	writeGroups(itemId: number, groups: string[], replace: boolean): void {
		if (replace) this.ctx.stmt('DELETE FROM item_groups WHERE item_id = ?').run(itemId);
		if (groups.length === 0) return;
		const ensure = this.ctx.stmt(
			`INSERT INTO community_groups (slug, name) VALUES (?, json_object('vi', ?))
			ON CONFLICT (slug) DO NOTHING`
		);
		const link = this.ctx.stmt('INSERT INTO item_groups (item_id, group_slug) VALUES (?, ?)');
		for (const slug of codes(groups)) {
			if (!slug.trim()) throw new ValidationError('A community group slug must not be empty.');
			ensure.run(slug, slug);
			link.run(itemId, slug);
		}
	}

	/** The ConflictError naming the first slug of `inputs` that is taken. */
	private slugConflictIn(e: unknown, inputs: NewItem[]): unknown {
		if (!isUniqueViolation(e, 'items.slug')) return e;
		const exists = this.ctx.stmt('SELECT 1 FROM items WHERE slug = ?');
		const seen = new Set<string>();
		for (const { slug } of inputs) {
			if (seen.has(slug) || exists.get(slug)) return this.slugConflict(e, slug);
			seen.add(slug);
		}
		return this.slugConflict(e, inputs[0].slug);
	}

	private slugConflict(e: unknown, slug: string): unknown {
		return isUniqueViolation(e, 'items.slug')
			? new ConflictError(`An item with the slug "${slug}" already exists. Choose another slug.`)
			: e;
	}
}

interface RowJson {
	rights: JsonMemo;
	dc: JsonMemo;
}

/** The items-row columns shared by INSERT and UPDATE, in the order both statements list them. */
function rowValues(input: NewItem): Array<string | number | null> {
	const out: Array<string | number | null> = [];
	pushRowValues(out, input, { rights: new JsonMemo(), dc: new JsonMemo() });
	return out;
}

/** rowValues appended to `out`. */
function pushRowValues(out: unknown[], input: NewItem, json: RowJson): void {
	const [lng, lat] = input.location.point ?? [null, null];
	const [publicLng, publicLat] = publicPointFor(input.location.point, input.location.precision) ?? [
		null,
		null
	];
	out.push(
		input.slug,
		input.kind,
		input.status,
		input.visibility,
		lng,
		lat,
		publicLng,
		publicLat,
		input.location.geometry ? JSON.stringify(input.location.geometry) : null,
		input.location.precision,
		input.place.province,
		input.place.district,
		input.place.commune,
		input.time.startYear,
		input.time.endYear,
		JSON.stringify(input.time.label),
		json.rights.stringify(input.rights),
		json.dc.stringify(input.dc),
		summaryDocJson(input)
	);
}

/** Rows per multi-row INSERT: few statement calls, far below SQLite's bound-parameter limit. */
const CHUNK_ROWS = 100;

interface RowInsert {
	/** `INSERT INTO t (…) VALUES` */
	head: string;
	/** Bound values per row. */
	width: number;
	/** One row's tuple: `width` anonymous placeholders, and maybe literals or named ones. */
	row: string;
	/** The statement text by row count, built on first use. */
	sql: string[];
}

function rowInsert(head: string, width: number, row?: string): RowInsert {
	return { head, width, row: row ?? `(${Array(width).fill('?').join(', ')})`, sql: [] };
}

/** Values pushRowValues gives per items row (every column but the two timestamps). */
const ITEM_ROW_VALUES = 19;
const ITEM_INSERT = rowInsert(
	`INSERT INTO items (slug, kind, status, visibility, lng, lat, public_lng, public_lat,
		geometry, precision, province, district, commune, start_year, end_year, time_label,
		rights, dc, summary_doc, created_at, updated_at) VALUES`,
	ITEM_ROW_VALUES,
	// Both timestamps are the write's one @now, bound once per statement instead of twice per row.
	`(${Array(ITEM_ROW_VALUES).fill('?').join(', ')}, @now, @now)`
);
/** Where lng, lat, public_lng and public_lat (in that order) start in an items row's values. */
const ITEM_POINT_AT = 4;
/** Where `fold` is in a text row's values. */
const TEXT_FOLD_AT = 5;
const TEXT_INSERT = rowInsert(
	'INSERT INTO item_texts (item_id, lang, title, summary, body, fold) VALUES',
	6
);
// One statement per scheme, written in: a million fewer values to bind per million items.
const ETHNIC_GROUP_INSERT = rowInsert(
	'INSERT INTO item_terms (item_id, scheme, code) VALUES',
	2,
	"(?, 'ethnic_group', ?)"
);
const SUBJECT_INSERT = rowInsert(
	'INSERT INTO item_terms (item_id, scheme, code) VALUES',
	2,
	"(?, 'subject', ?)"
);

/**
 * Inserts the rows of `values` (flat, `target.width` values per row) in multi-row statements and
 * returns the rowid of the first; the rest follow it. Rowids are assigned max+1 row by row and
 * writes are serialised, so one statement's rows get consecutive ids ending at last_insert_rowid,
 * and the statements of one call follow each other.
 */
function insertRows(
	ctx: SqliteContext,
	target: RowInsert,
	values: unknown[],
	onError?: (e: unknown) => unknown,
	named?: Record<string, unknown>
): number {
	const per = CHUNK_ROWS * target.width;
	let first = 0;
	for (let start = 0; start < values.length; start += per) {
		const part = values.length <= per ? values : values.slice(start, start + per);
		const rows = part.length / target.width;
		let result;
		try {
			const statement = statementFor(ctx, target, rows);
			result = named ? statement.run(part, named) : statement.run(part);
		} catch (e) {
			throw onError ? onError(e) : e;
		}
		if (result.changes !== rows) throw new Error('A multi-row INSERT skipped rows.');
		const last = Number(result.lastInsertRowid);
		if (start === 0) first = last - rows + 1;
		else if (last - rows + 1 !== first + start / target.width) {
			throw new Error('Rowids of one multi-row insert are not consecutive.');
		}
	}
	return first;
}

/** The multi-row INSERT of `rows` rows (its SQL is built once per row count). */
function statementFor(ctx: SqliteContext, target: RowInsert, rows: number) {
	let sql = target.sql[rows];
	if (sql === undefined) {
		sql = target.sql[rows] = `${target.head} ${Array(rows).fill(target.row).join(', ')}`;
	}
	return ctx.stmt(sql);
}
