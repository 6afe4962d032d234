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
	// Bulk loads fold every text: a per-character table is ~10× faster than normalising whole strings.
	// It is only used where it provably gives the same result (see foldTable).
	return foldFast(s) ?? foldSlow(s);
}

/** The definition: decompose, drop every mark, fold đ, lower-case, recompose. */
function foldSlow(s: string): string {
	return s
		.normalize('NFD')
		.replace(MARKS, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.normalize('NFC');
}

/**
 * Latin (Basic to Extended-B), combining diacritics and Latin Extended Additional (where the
 * precomposed Vietnamese letters live). Within these, foldSlow works character by character: no
 * lower-casing depends on context, and once marks are gone nothing recomposes across characters.
 */
const FAST_RANGES: Array<[number, number]> = [
	[0x0000, 0x024f],
	[0x0300, 0x036f],
	[0x1e00, 0x1eff]
];
const FAST_END = 0x1f00;
/** foldSlow of each character in FAST_RANGES; undefined elsewhere (those take the slow path). */
const foldTable: Array<string | undefined> = (() => {
	const table = new Array<string | undefined>(FAST_END);
	for (const [from, to] of FAST_RANGES) {
		for (let c = from; c <= to; c++) table[c] = foldSlow(String.fromCharCode(c));
	}
	return table;
})();

function foldFast(s: string): string | undefined {
	let out = '';
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) {
			out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : s[i];
			continue;
		}
		const folded = c < FAST_END ? foldTable[c] : undefined;
		if (folded === undefined) return undefined;
		out += folded;
	}
	return out;
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
