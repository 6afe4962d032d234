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

	it('gives the same text for texts already in order (the bulk-load fast path)', () => {
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
});
