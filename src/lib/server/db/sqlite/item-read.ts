/** Loading full items and summaries by id; callers have already applied the access scope. */
import type { AccessScope, Item, ItemSummary } from '$lib/domain/types';
import {
	codes,
	toItem,
	toSummary,
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

	/** Summaries in the order of `ids` (ids that no longer exist are skipped). */
	summaries(ids: number[]): ItemSummary[] {
		if (ids.length === 0) return [];
		const idsJson = JSON.stringify(ids);
		const rows = this.ctx
			.stmt<SummaryRow>(
				`SELECT i.id, i.slug, i.kind, i.public_lng, i.public_lat, i.province, i.start_year, i.end_year,
					(SELECT m.id FROM media m WHERE m.item_id = i.id AND m.kind = 'image'
						ORDER BY m.position, m.id LIMIT 1) AS cover_media_id
				FROM items i WHERE i.id IN (SELECT value FROM json_each(?))`
			)
			.all(idsJson);
		const texts = this.ctx
			.stmt<TextRow>(
				`SELECT item_id, lang, title, summary FROM item_texts
				WHERE item_id IN (SELECT value FROM json_each(?))`
			)
			.all(idsJson);
		const terms = this.ctx
			.stmt<{ item_id: number; code: string }>(
				`SELECT item_id, code FROM item_terms
				WHERE scheme = 'ethnic_group' AND item_id IN (SELECT value FROM json_each(?))`
			)
			.all(idsJson);
		const textsBy = groupBy(texts, (t) => t.item_id);
		const termsBy = groupBy(terms, (t) => t.item_id);
		const byId = new Map(rows.map((r) => [r.id, r]));
		const out: ItemSummary[] = [];
		for (const id of ids) {
			const row = byId.get(id);
			if (!row) continue;
			out.push(
				toSummary(row, textsBy.get(id) ?? [], codes((termsBy.get(id) ?? []).map((t) => t.code)))
			);
		}
		return out;
	}
}

function groupBy<T>(xs: T[], key: (x: T) => number): Map<number, T[]> {
	const m = new Map<number, T[]>();
	for (const x of xs) {
		const k = key(x);
		const list = m.get(k);
		if (list) list.push(x);
		else m.set(k, [x]);
	}
	return m;
}
