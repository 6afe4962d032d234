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

/** lang → text for the non-empty texts, in lang order (as the text rows read back). */
function nonEmpty(texts: LocalizedText): LocalizedText {
	// Usually already so (a bulk load writes millions): then the object itself serialises right.
	let previous = '';
	let clean = true;
	for (const lang in texts) {
		const v = texts[lang];
		if (typeof v !== 'string' || v.length === 0 || lang <= previous) {
			clean = false;
			break;
		}
		previous = lang;
	}
	if (clean) return texts;
	return Object.fromEntries(
		Object.entries(texts)
			.filter(([, v]) => typeof v === 'string' && v.length > 0)
			.sort(([a], [b]) => (a < b ? -1 : 1))
	);
}

export function summaryDocJson(item: Pick<NewItem, 'title' | 'summary' | 'ethnicGroups'>): string {
	const doc: SummaryDoc = {
		title: nonEmpty(item.title),
		summary: nonEmpty(item.summary),
		ethnicGroups:
			item.ethnicGroups.length < 2 ? item.ethnicGroups : [...new Set(item.ethnicGroups)].sort()
	};
	return JSON.stringify(doc);
}
