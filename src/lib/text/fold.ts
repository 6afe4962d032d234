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
/** In foldTable: the character has no fast fold (the slow path handles the whole string). */
const NO_FAST_FOLD = 0xffff;
/** In foldTable: the character folds to nothing (a combining mark). */
const DROPPED = 0;
/**
 * foldSlow of each character in FAST_RANGES as one UTF-16 unit. A character that would fold to
 * more than one unit stays NO_FAST_FOLD, so the fast path never guesses.
 */
const foldTable: Uint16Array = (() => {
	const table = new Uint16Array(FAST_END).fill(NO_FAST_FOLD);
	for (const [from, to] of FAST_RANGES) {
		for (let c = from; c <= to; c++) {
			const folded = foldSlow(String.fromCharCode(c));
			if (folded.length === 0) table[c] = DROPPED;
			else if (folded.length === 1) table[c] = folded.charCodeAt(0);
		}
	}
	return table;
})();

/** Output buffer of foldFast, made on first use (strings longer than it take the slow path). */
let foldBuffer: Uint16Array | undefined;
const utf16 = new TextDecoder('utf-16le');
/** The buffer is decoded as UTF-16LE, which is how a Uint16Array is laid out on this machine only if it is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * Bulk loads fold millions of texts: ASCII-only text is just lower-cased; other text is mapped unit
 * by unit through foldTable into a buffer and decoded once (appending to a string per character
 * cost a third more). Undefined when a character is outside FAST_RANGES.
 */
function foldFast(s: string): string | undefined {
	const n = s.length;
	let i = 0;
	while (i < n && s.charCodeAt(i) < 0x80) i++;
	if (i === n) return s.toLowerCase();
	if (!LITTLE_ENDIAN || n > 1 << 16) return undefined;
	foldBuffer ??= new Uint16Array(1 << 16);
	let out = 0;
	for (i = 0; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c < 0x80) {
			foldBuffer[out++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
			continue;
		}
		const folded = c < FAST_END ? foldTable[c] : NO_FAST_FOLD;
		if (folded === NO_FAST_FOLD) return undefined;
		if (folded !== DROPPED) foldBuffer[out++] = folded;
	}
	return utf16.decode(foldBuffer.subarray(0, out));
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
