/**
 * `items.summary_doc` on both engines: the part of an ItemSummary that lives outside the items
 * row (texts in every language, ethnic groups), written with the item so a page of summaries reads
 * one row per item. Migration 0004 of each dialect backfills the same JSON.
 */
import type { LocalizedText, NewItem } from '../../domain/types';

export interface SummaryDoc {
	title: LocalizedText;
	summary: LocalizedText;
	/** Sorted, de-duplicated codes (the order the contract promises). */
	ethnicGroups: string[];
}

/**
 * `{"lang":"text",…}` for the non-empty texts, in lang order (as the text rows read back). Written
 * out by hand: a bulk load writes millions, and this was a third cheaper than building objects for
 * JSON.stringify; keys and values are escaped as JSON.stringify would (jsonString).
 */
function textsJson(texts: LocalizedText): string {
	const langs: string[] = [];
	for (const lang in texts) {
		const v = texts[lang];
		if (typeof v === 'string' && v.length > 0) langs.push(lang);
	}
	if (langs.length > 1) langs.sort();
	let out = '{';
	for (const lang of langs) {
		if (out.length > 1) out += ',';
		out += jsonString(lang) + ':' + jsonString(texts[lang]);
	}
	return out + '}';
}

/** What JSON.stringify would need to escape: quotes, backslashes, controls, any surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string; most texts need no escaping, and quoting them is ~3× cheaper. */
function jsonString(s: string): string {
	return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** The SummaryDoc of `item` as JSON (what JSON.stringify of the object would give). */
export function summaryDocJson(item: Pick<NewItem, 'title' | 'summary' | 'ethnicGroups'>): string {
	const groups =
		item.ethnicGroups.length < 2 ? item.ethnicGroups : [...new Set(item.ethnicGroups)].sort();
	return (
		`{"title":${textsJson(item.title)},"summary":${textsJson(item.summary)},` +
		`"ethnicGroups":${JSON.stringify(groups)}}`
	);
}
