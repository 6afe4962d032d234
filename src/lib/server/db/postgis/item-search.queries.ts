/**
 * Full-text search over item_texts. `fold` holds vnFold'ed words (written by app code, as on
 * SQLite); `fold_tsv` is its stored to_tsvector('simple', fold), GIN-indexed. The query is built
 * from searchTokens(),
 * never from raw user text, so tsquery syntax in the input is just more letters or nothing.
 *
 * Order: items whose text contains the query with its exact diacritics first, then ts_rank, then
 * id. score = (exact ? 1 : 0) + rank, with rank normalised into [0, 1), so it sorts the same way.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFilter, ItemSummary, LangTag } from '$lib/domain/types';
import { validateBBox } from '$lib/geo/bbox';
import { MAX_QUERY_LENGTH, normalizeText, searchTokens } from '$lib/text/fold';
import { ValidationError } from '$lib/server/errors';
import type { Db } from './pg-context';
import { bboxSql, clampLimit, clampOffset, filterSql, scopeSql } from './item-sql';
import { summariesFor } from './item-summaries';

/**
 * How many matching text rows are ranked: three per result asked for (offset + limit), within
 * these bounds (as on SQLite). A very common word can match most of the collection; ranking a
 * bounded set keeps such a query fast at a million items, while narrower queries (more words, a
 * bbox, a filter) see every match.
 */
export const MIN_CANDIDATES = 600;
export const MAX_CANDIDATES = 5_000;

/**
 * Whole words first: when the finished words alone match this many readable texts (or enough for
 * the page asked, if more), the last word is not also tried as a prefix. A prefix makes GIN union
 * the posting lists of every word it starts (`tho:*`: tho, thoi, thon, thong, …), which cost
 * 4–5× the whole-word scan at 1M items; with this many whole-word hits, completions would only
 * fill pages far down. Fixed (not per page) up to that many results, so pages stay one order.
 */
export const WHOLE_WORDS_ENOUGH = 100;

/**
 * `'w1' & 'w2' & 'w3'`, and with `prefix` `'w1' & 'w2' & ('w3' | 'w3':*)`: the last word also as
 * a prefix. Tokens are letters and digits only. The redundant `'w3' |` gives the planner a real
 * frequency to estimate from (it has none for prefixes), so it can choose a short scan for a very
 * common word.
 */
export function tsQueryText(tokens: string[], prefix = true): string {
	const last = tokens[tokens.length - 1];
	const tail = prefix ? `('${last}' | '${last}':*)` : `'${last}'`;
	return [...tokens.slice(0, -1).map((t) => `'${t}'`), tail].join(' & ');
}

/** A regex matching `text` literally, with each space standing for any run of whitespace. */
export function literalPattern(text: string): string {
	return text
		.split(' ')
		.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('\\s+');
}

export async function searchItems(
	db: Db,
	query: string,
	scope: AccessScope,
	opts: { limit: number; offset?: number; lang?: LangTag; bbox?: BBox; filter?: ItemFilter }
): Promise<Array<ItemSummary & { score: number }>> {
	const text = query.slice(0, MAX_QUERY_LENGTH);
	const tokens = searchTokens(text);
	const limit = clampLimit(opts.limit);
	const offset = clampOffset(opts.offset);
	if (tokens.length === 0 || limit === 0) return [];
	if (opts.bbox) {
		const problem = validateBBox(opts.bbox);
		if (problem) throw new ValidationError(problem);
	}
	const whole = sql`to_tsquery('simple', ${tsQueryText(tokens, false)})`;
	const prefixed = sql`to_tsquery('simple', ${tsQueryText(tokens, true)})`;
	const lang = opts.lang === undefined ? sql`true` : sql`t.lang = ${opts.lang}`;
	const readable = sql`${scopeSql(scope)} and ${filterSql(opts.filter, scope)} and ${
		opts.bbox ? bboxSql(opts.bbox, scope) : sql`true`
	}`;
	const cap = Math.min(MAX_CANDIDATES, Math.max(MIN_CANDIDATES, 3 * (offset + limit)));
	const enough = Math.min(cap, Math.max(WHOLE_WORDS_ENOUGH, offset + limit));
	// With word frequencies from ANALYZE on fold_tsv, the planner picks per query: the GIN index
	// for rare words, a short scan that stops at the cap for very common ones.
	const hitsFor = (tsq: SQL) => sql`select t.item_id, t.fold_tsv, t.title, t.summary, t.body
		from item_texts t join items i on i.id = t.item_id
		where t.fold_tsv @@ ${tsq} and ${lang} and ${readable}
		limit ${cap}`;
	// The finished words first, the prefix form only when they match fewer than `enough`. A prefix
	// makes GIN collect every lexeme starting with it (`ha:*` is in half the rows of a large
	// collection), so running it only when needed saves most of a common query's time. The
	// `prefix` test is an init plan, so the second scan does not start when it is false; `choice`
	// also holds the query the hits matched, built once for ranking.
	// As on SQLite: the query with its diacritics, any run of whitespace matching any other.
	// Stored text may be NFC or NFD (as typed or pasted), so both forms of the query are tried
	// rather than normalising every candidate's text.
	const exact = normalizeText(text).trim().replace(/\s+/g, ' ');
	// Case-insensitive under ICU (`~*` folds each character as it matches, as lower() would for the
	// whole text, without building a lower-cased copy of every candidate's text first).
	const raw = sql`(t.title || ' ' || t.summary || ' ' || t.body) collate "und-x-icu"`;
	const forms = [...new Set([exact, exact.normalize('NFD')])].map(
		(form) => sql`${raw} ~* ${literalPattern(form)}`
	);
	return summariesFor<{ score: number }>(
		db,
		sql`with w as materialized (${hitsFor(whole)}),
			choice as (
				select p.prefix, case when p.prefix then ${prefixed} else ${whole} end as tsq
				from (select (select count(*) from w) < ${enough} as prefix) p
			),
			hits as (
				select * from w where not (select prefix from choice)
				union all
				select * from (${hitsFor(prefixed)}) p where (select prefix from choice)
			), ranked as (
				select t.item_id as id,
					max(ts_rank(t.fold_tsv, c.tsq, 32)) as rank,
					bool_or(${sql.join(forms, sql` or `)}) as exact
				from hits t, choice c group by t.item_id
			)
			select id, (case when exact then 1 else 0 end)::float8 + rank::float8 as score
			from ranked
			order by exact desc, rank desc, id
			limit ${limit} offset ${offset}`,
		sql`sel.score desc, sel.id`,
		['score']
	);
}
