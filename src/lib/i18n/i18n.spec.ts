import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatPeriod } from './format';
import { licenseLabel } from './license';
import { localeFromAcceptLanguage, resolveLocale } from './locales';
import { pickLocalized, pickText } from './pick-text';
import { createTranslator } from './translate';
import { vi } from './vi';

describe('pickText', () => {
	const text = { vi: 'Nhà rông', en: 'Communal house', bdq: 'Rông' };

	it('prefers the requested language', () => {
		expect(pickText(text, ['en'])).toBe('Communal house');
		expect(pickLocalized(text, ['bdq'])).toEqual({ text: 'Rông', lang: 'bdq' });
	});
	it('falls back to vi, then en, then any language', () => {
		expect(pickLocalized(text, ['fr'])).toEqual({ text: 'Nhà rông', lang: 'vi' });
		expect(pickLocalized({ en: 'Drum', bdq: 'Cing' }, ['fr'])).toEqual({
			text: 'Drum',
			lang: 'en'
		});
		expect(pickLocalized({ sed: 'B', bdq: 'A' }, ['vi'])).toEqual({ text: 'A', lang: 'bdq' });
	});
	it('skips blank entries and returns empty when nothing is there', () => {
		expect(pickLocalized({ en: '  ', vi: 'Có' }, ['en'])).toEqual({ text: 'Có', lang: 'vi' });
		expect(pickText({}, ['vi'])).toBe('');
		expect(pickLocalized(null, ['vi'])).toBeNull();
	});
});

describe('locale resolution', () => {
	it('orders ?lang=, cookie, Accept-Language, then vi', () => {
		const all = { query: 'en', cookie: 'vi', acceptLanguage: 'vi' };
		expect(resolveLocale(all)).toBe('en');
		expect(resolveLocale({ ...all, query: 'xx' })).toBe('vi');
		expect(resolveLocale({ query: null, cookie: 'en', acceptLanguage: 'vi' })).toBe('en');
		expect(resolveLocale({ query: null, cookie: undefined, acceptLanguage: 'en-GB' })).toBe('en');
		expect(resolveLocale({ query: null, cookie: 'de', acceptLanguage: 'fr' })).toBe('vi');
	});
	it('honours q-values and order in Accept-Language', () => {
		expect(localeFromAcceptLanguage('fr-FR, en;q=0.5, vi;q=0.9')).toBe('vi');
		expect(localeFromAcceptLanguage('en-US,en;q=0.9,vi;q=0.8')).toBe('en');
		expect(localeFromAcceptLanguage('vi;q=0, en;q=0.1')).toBe('en');
		expect(localeFromAcceptLanguage('de, fr')).toBeNull();
		expect(localeFromAcceptLanguage('')).toBeNull();
	});
});

describe('dictionaries and t()', () => {
	it('vi and en have the same keys and no empty strings', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		for (const value of [...Object.values(vi), ...Object.values(en)])
			expect(value.trim()).not.toBe('');
	});
	it('uses the same {params} in both languages', () => {
		const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(vi) as Array<keyof typeof vi>) {
			expect(params(en[key]), key).toEqual(params(vi[key]));
		}
	});
	it('fills parameters and groups numbers the local way', () => {
		expect(createTranslator('vi')('home.count', { total: 1234 })).toBe('1.234 hồ sơ đã công bố');
		expect(createTranslator('en')('home.count', { total: 1234 })).toBe('1,234 published records');
		expect(createTranslator('en')('pagination.status', { page: 2, pages: 6 })).toBe('Page 2 of 6');
	});
});

describe('formatPeriod', () => {
	const t = createTranslator('vi');
	it('formats spans, single years, open ends and BCE', () => {
		expect(formatPeriod(1802, 1945, t)).toBe('1802 – 1945');
		expect(formatPeriod(1802, 1802, t)).toBe('1802');
		expect(formatPeriod(1802, null, t)).toBe('từ 1802');
		expect(formatPeriod(null, 1945, t)).toBe('đến 1945');
		expect(formatPeriod(-300, 100, createTranslator('en'))).toBe('300 BCE – 100');
		expect(formatPeriod(null, null, t)).toBe('');
	});
});

describe('licenseLabel', () => {
	const t = createTranslator('en');
	it('names common licences and statements', () => {
		expect(licenseLabel('https://creativecommons.org/licenses/by-sa/4.0/', t)).toBe('CC BY-SA 4.0');
		expect(licenseLabel('https://creativecommons.org/publicdomain/zero/1.0/', t)).toBe('CC0 1.0');
		expect(licenseLabel('http://rightsstatements.org/vocab/InC/1.0/', t)).toContain('InC');
		expect(licenseLabel('https://example.org/terms/', t)).toBe('example.org/terms');
		expect(licenseLabel('not a uri', t)).toBe('not a uri');
	});
});
