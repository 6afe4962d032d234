import { describe, expect, it } from 'vitest';
import { normalizeText, searchTokens, vnFold } from './fold';

describe('vnFold', () => {
	it('strips tones and vowel marks and folds đ', () => {
		expect(vnFold('Lễ hội Đâm Trâu')).toBe('le hoi dam trau');
		expect(vnFold('Đình làng Đình Bảng')).toBe('dinh lang dinh bang');
		expect(vnFold('Dinh Độc Lập')).toBe('dinh doc lap');
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
