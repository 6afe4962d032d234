import { describe, expect, it } from 'vitest';
import { summaryDocJson } from './summary-doc';

describe('summaryDocJson', () => {
	it('writes texts in lang order without empty strings, groups sorted and unique', () => {
		const json = summaryDocJson({
			title: { vi: 'Đình làng', en: 'Village hall', fr: '' },
			summary: { vi: '', en: 'A hall' },
			ethnicGroups: ['kinh', 'cham', 'kinh']
		});
		expect(json).toBe(
			'{"title":{"en":"Village hall","vi":"Đình làng"},"summary":{"en":"A hall"},' +
				'"ethnicGroups":["cham","kinh"]}'
		);
	});

	it('gives the same text whatever the key order', () => {
		const ordered = summaryDocJson({
			title: { en: 'Hall', vi: 'Đình' },
			summary: { en: 'Summary' },
			ethnicGroups: ['bana']
		});
		const shuffled = summaryDocJson({
			title: { vi: 'Đình', en: 'Hall' },
			summary: { en: 'Summary' },
			ethnicGroups: ['bana']
		});
		expect(ordered).toBe(shuffled);
		expect(JSON.parse(ordered)).toEqual({
			title: { en: 'Hall', vi: 'Đình' },
			summary: { en: 'Summary' },
			ethnicGroups: ['bana']
		});
		expect(summaryDocJson({ title: {}, summary: {}, ethnicGroups: [] })).toBe(
			'{"title":{},"summary":{},"ethnicGroups":[]}'
		);
	});

	it('is what JSON.stringify of the sorted object gives, escapes included', () => {
		const title = { vi: 'Nhà "rông"\nKon Tum', 'x-\\': 'a\tb\u0001 😀 \ud800', zh: '文庙' };
		expect(JSON.parse(summaryDocJson({ title, summary: {}, ethnicGroups: ['ba-na'] }))).toEqual({
			title,
			summary: {},
			ethnicGroups: ['ba-na']
		});
		expect(summaryDocJson({ title, summary: {}, ethnicGroups: [] })).toBe(
			JSON.stringify({
				title: { vi: title.vi, 'x-\\': title['x-\\'], zh: title.zh },
				summary: {},
				ethnicGroups: []
			})
		);
	});
});
