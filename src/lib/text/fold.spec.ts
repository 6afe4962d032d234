import { describe, expect, it } from 'vitest';
import { normalizeText, searchTokens, vnFold } from './fold';

describe('vnFold', () => {
	it('strips tones and vowel marks and folds đ', () => {
		expect(vnFold('Lễ hội Đâm Trâu')).toBe('le hoi dam trau');
		expect(vnFold('Đình làng Đình Bảng')).toBe('dinh lang dinh bang');
		expect(vnFold('Dinh Độc Lập')).toBe('dinh doc lap');
	});
	it('folds every Vietnamese letter, upper and lower case, composed or not', () => {
		const letters = 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ';
		const folded = 'aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyyd';
		expect(vnFold(letters)).toBe(folded);
		expect(vnFold(letters.toUpperCase())).toBe(folded);
		expect(vnFold(letters.normalize('NFD'))).toBe(folded);
	});
	// vnFold takes a per-character table for Latin text: it must equal the whole-string definition
	// for every character it covers, mixed with text it does not cover (Greek, Hangul, emoji).
	it('agrees with the whole-string definition', () => {
		const reference = (s: string) =>
			s
				.normalize('NFD')
				.replace(/\p{M}/gu, '')
				.replace(/đ/g, 'd')
				.replace(/Đ/g, 'D')
				.toLowerCase()
				.normalize('NFC');
		const chars: string[] = [];
		for (const [from, to] of [
			[0x20, 0x2ff],
			[0x300, 0x36f],
			[0x370, 0x3ff],
			[0x1e00, 0x1fff]
		]) {
			for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
		}
		chars.push('\u1100', '\u1161', '\u11a8', 'ΟΔΟΣ ', '😀', 'İ');
		for (const c of chars) expect(vnFold(c)).toBe(reference(c));
		let seed = 11;
		const pick = () => chars[(seed = (seed * 16807) % 2147483647) % chars.length];
		for (let n = 0; n < 2000; n++) {
			const s = Array.from({ length: 1 + (n % 9) }, pick).join('');
			expect(vnFold(s)).toBe(reference(s));
		}
		expect(vnFold('Lễ hội Đâm Trâu')).toBe(reference('Lễ hội Đâm Trâu'));
		expect(vnFold('\u1100\u1161')).toBe(reference('\u1100\u1161'));
		// Longer than the fast path's buffer, and ASCII only (its shortcut).
		const long = 'Đình Làng '.repeat(7000);
		expect(vnFold(long)).toBe(reference(long));
		expect(vnFold('HELLO World 42')).toBe('hello world 42');
	});
	it('gives the same result for composed and decomposed input', () => {
		expect(vnFold('Huế'.normalize('NFD'))).toBe(vnFold('Huế'.normalize('NFC')));
	});
});

describe('searchTokens', () => {
	it('drops query syntax characters', () => {
		expect(searchTokens('"đình" OR * -làng:')).toEqual(['dinh', 'or', 'lang']);
	});
	it('caps the number of words', () => {
		expect(searchTokens('a '.repeat(50)).length).toBe(12);
	});
});

describe('normalizeText', () => {
	it('keeps diacritics but lower-cases', () => {
		expect(normalizeText('ĐÌNH Làng')).toBe('đình làng');
	});
});
