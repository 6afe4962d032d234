/**
 * Vietnamese-aware folding for search. SQLite FTS5 never folds đ/Đ (no Unicode decomposition),
 * so we fold in app code at index and query time, identically on both engines.
 */
const MARKS = /\p{M}/gu;

/** NFC + lower-case: the form used to compare with exact diacritics. */
export function normalizeText(s: string): string {
	return s.normalize('NFC').toLocaleLowerCase('vi');
}

/** Diacritic-free, lower-case: "Lễ hội Đâm Trâu" → "le hoi dam trau". */
export function vnFold(s: string): string {
	return s
		.normalize('NFD')
		.replace(MARKS, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.normalize('NFC');
}

/** Longest query we accept, in characters: longer input is a mistake or an attack. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words take part in a query. */
export const MAX_QUERY_TOKENS = 12;

/**
 * Folded search words: letters and digits only, so nothing the engines treat as query syntax
 * (`*`, `"`, `-`, AND/OR/NOT, `:`) ever reaches them.
 */
export function searchTokens(query: string): string[] {
	return vnFold(query)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((t) => t.length > 0)
		.slice(0, MAX_QUERY_TOKENS);
}
