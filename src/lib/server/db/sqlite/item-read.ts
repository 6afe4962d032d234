/** Loading full items and summaries by id; callers have already applied the access scope. */
import type { AccessScope, Item, ItemSummary } from '$lib/domain/types';
import {
	codes,
	toItem,
	toSummary,
	toSummaryFromDoc,
	type ItemRow,
	type SummaryRow,
	type TextRow
} from './item.mapper';
import { scopeWhere } from './item-sql';
import type { SqliteContext } from './sqlite-context';

/** Full access, for the repository's own reads (update, create's return value). */
export const FULL_SCOPE: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

export class ItemReader {
	constructor(private readonly ctx: SqliteContext) {}

	one(by: 'id' | 'slug', key: number | string, scope: AccessScope): Item | null {
		const where = scopeWhere(scope);
		const row = this.ctx
			.stmt<ItemRow>(`SELECT i.* FROM items i WHERE i.${by} = ? AND ${where.sql}`)
			.get(key, ...where.params);
		if (!row) return null;
		const texts = this.ctx
			.stmt<TextRow>('SELECT item_id, lang, title, summary, body FROM item_texts WHERE item_id = ?')
			.all(row.id);
		const terms = this.ctx
			.stmt<{ scheme: string; code: string }>(
				'SELECT scheme, code FROM item_terms WHERE item_id = ?'
			)
			.all(row.id);
		const groups = this.ctx
			.stmt<{ group_slug: string }>('SELECT group_slug FROM item_groups WHERE item_id = ?')
			.all(row.id)
			.map((g) => g.group_slug);
		const ofScheme = (s: string) => codes(terms.filter((t) => t.scheme === s).map((t) => t.code));
		return toItem(
			row,
			texts,
			{
				ethnicGroups: ofScheme('ethnic_group'),
				subjects: ofScheme('subject'),
				communityGroups: codes(groups)
			},
			scope
		);
	}

	/**
	 * Summaries in the order of `ids` (ids that no longer exist are skipped). One row per item:
	 * titles, summaries and ethnic groups come from items.summary_doc (written with the item), the
	 * cover image from the media index, so a 200-item page reads no text or term rows. Rows
	 * without a summary_doc (written by older code or ad-hoc SQL) are gathered from their tables.
	 */
	summaries(ids: number[]): ItemSummary[] {
		if (ids.length === 0) return [];
		const rows = this.ctx
			.stmt<SummaryRow & { summary_doc: string | null }>(
				`SELECT i.id, i.slug, i.kind, i.public_lng, i.public_lat, i.province, i.start_year,
					i.end_year, i.summary_doc,
					(SELECT m.id FROM media m WHERE m.item_id = i.id AND m.kind = 'image'
						ORDER BY m.position, m.id LIMIT 1) AS cover_media_id
				FROM json_each(?) j JOIN items i ON i.id = j.value
				ORDER BY j.key`
			)
			.all(JSON.stringify(ids));
		const missing = rows.filter((r) => r.summary_doc === null).map((r) => r.id);
		const joined = new Map(this.joinedSummaries(missing).map((s) => [s.id, s]));
		return rows.map((row) =>
			row.summary_doc === null ? joined.get(row.id)! : toSummaryFromDoc(row, row.summary_doc)
		);
	}

	/** Summaries gathered from item_texts and item_terms (for rows without a summary_doc). */
	private joinedSummaries(ids: number[]): ItemSummary[] {
		if (ids.length === 0) return [];
		const rows = this.ctx
			.stmt<SummaryRow & { texts: string; ethnic_groups: string }>(
				`SELECT i.id, i.slug, i.kind, i.public_lng, i.public_lat, i.province, i.start_year, i.end_year,
					(SELECT m.id FROM media m WHERE m.item_id = i.id AND m.kind = 'image'
						ORDER BY m.position, m.id LIMIT 1) AS cover_media_id,
					(SELECT json_group_array(json_array(t.lang, t.title, t.summary))
						FROM item_texts t WHERE t.item_id = i.id) AS texts,
					(SELECT json_group_array(g.code) FROM item_terms g
						WHERE g.item_id = i.id AND g.scheme = 'ethnic_group') AS ethnic_groups
				FROM json_each(?) j JOIN items i ON i.id = j.value
				ORDER BY j.key`
			)
			.all(JSON.stringify(ids));
		return rows.map((row) => {
			const texts = (JSON.parse(row.texts) as Array<[string, string, string]>).map(
				([lang, title, summary]): TextRow => ({ item_id: row.id, lang, title, summary })
			);
			return toSummary(row, texts, codes(JSON.parse(row.ethnic_groups) as string[]));
		});
	}
}
