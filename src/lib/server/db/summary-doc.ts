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
 * JSON.stringify; each key and value still goes through JSON.stringify for its escaping.
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
		out += JSON.stringify(lang) + ':' + JSON.stringify(texts[lang]);
	}
	return out + '}';
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
