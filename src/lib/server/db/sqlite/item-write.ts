/**
 * Synchronous item writes shared by create, createMany and update. Callers run them inside
 * `ctx.atomic` so a failure part-way leaves nothing behind.
 */
import type { NewItem, VocabularyScheme } from '$lib/domain/types';
import { publicPointFor } from '$lib/geo/generalise';
import { ConflictError, ValidationError } from '$lib/server/errors';
import { codes, textRowsFor } from './item.mapper';
import type { SqliteContext } from './sqlite-context';
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

	insert(input: NewItem, now: string): number {
		try {
			const { lastInsertRowid } = this.ctx
				.stmt(
					`INSERT INTO items (slug, kind, status, visibility, lng, lat, public_lng, public_lat,
						geometry, precision, province, district, commune, start_year, end_year, time_label,
						rights, dc, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(...rowValues(input), now, now);
			return Number(lastInsertRowid);
		} catch (e) {
			throw this.slugConflict(e, input.slug);
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
						updated_at = ?
					WHERE id = ?`
				)
				.run(...rowValues(input), updatedAt, id);
		} catch (e) {
			throw this.slugConflict(e, input.slug);
		}
	}

	/** Index rows waiting for the end of the current write (see `indexed`). */
	private pendingTexts: Array<[rowid: number | bigint, fold: string]> = [];
	private pendingItems: number[] = [];

	/**
	 * Runs a unit of item writes, then adds new items to the R*Tree and new texts to the search
	 * index, last. Once a virtual table is written in a transaction, every later statement that
	 * opens a statement journal (trigger or foreign-key inserts) calls its savepoint hook: FTS5
	 * flushes its pending terms, R*Tree drops its node cache. Writing both at the end makes that
	 * once per unit instead of once per row (about 40% of a bulk load).
	 */
	indexed<T>(fn: () => T): T {
		this.pendingTexts = [];
		this.pendingItems = [];
		try {
			const result = fn();
			if (this.pendingItems.length) {
				this.ctx
					.stmt(
						`INSERT INTO items_rtree (id, min_lng, max_lng, min_lat, max_lat)
						SELECT id, min(lng, coalesce(public_lng, lng)), max(lng, coalesce(public_lng, lng)),
							min(lat, coalesce(public_lat, lat)), max(lat, coalesce(public_lat, lat))
						FROM items
						WHERE id IN (SELECT value FROM json_each(?)) AND lng IS NOT NULL AND lat IS NOT NULL`
					)
					.run(JSON.stringify(this.pendingItems));
			}
			const index = this.ctx.stmt('INSERT INTO item_texts_fts (rowid, fold) VALUES (?, ?)');
			for (const [rowid, fold] of this.pendingTexts) index.run(rowid, fold);
			return result;
		} finally {
			this.pendingTexts = [];
			this.pendingItems = [];
		}
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
			const { lastInsertRowid } = insert.run(itemId, r.lang, r.title, r.summary, r.body, r.fold);
			this.pendingTexts.push([lastInsertRowid, r.fold]);
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

	/** Inserts a full item: row, texts and links (its index entries follow; see `indexed`). */
	insertFull(input: NewItem, now: string): number {
		const id = this.insert(input, now);
		this.pendingItems.push(id);
		this.writeTexts(id, input, false);
		this.writeTerms(id, 'ethnic_group', input.ethnicGroups, false);
		this.writeTerms(id, 'subject', input.subjects, false);
		this.writeGroups(id, input.communityGroups, false);
		return id;
	}

	private slugConflict(e: unknown, slug: string): unknown {
		return isUniqueViolation(e, 'items.slug')
			? new ConflictError(`An item with the slug "${slug}" already exists. Choose another slug.`)
			: e;
	}
}

/** The items-row columns shared by INSERT and UPDATE, in the order both statements list them. */
function rowValues(input: NewItem): Array<string | number | null> {
	const [lng, lat] = input.location.point ?? [null, null];
	const [publicLng, publicLat] = publicPointFor(input.location.point, input.location.precision) ?? [
		null,
		null
	];
	return [
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
		JSON.stringify(input.rights),
		JSON.stringify(input.dc)
	];
}
