import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { filterFromQuery, itemIdSchema, parseItemListQuery } from './item.schema';

const parse = (qs: string) => parseItemListQuery(new URLSearchParams(qs));
const messageOf = (qs: string) => {
	try {
		parse(qs);
	} catch (err) {
		if (err instanceof ZodError) return err.issues.map((i) => i.message).join('; ');
		throw err;
	}
	throw new Error(`expected ${qs} to be rejected`);
};

describe('parseItemListQuery', () => {
	it('applies defaults and treats empty parameters as absent', () => {
		expect(parse('')).toMatchObject({ page: 1, pageSize: 24 });
		const blank = parse('page=&lang=&q=');
		expect(blank.page).toBe(1);
		expect(blank.lang).toBeUndefined();
		expect(blank.q).toBeUndefined();
	});
	it('parses every parameter', () => {
		const q = parse(
			'page=3&pageSize=50&lang=en&bbox=107.5,14,108.5,15&q=%20đâm trâu &kind=site,practice&ethnicGroup=bahnar&province=Kon%20Tum'
		);
		expect(q).toEqual({
			page: 3,
			pageSize: 50,
			lang: 'en',
			bbox: { west: 107.5, south: 14, east: 108.5, north: 15 },
			q: 'đâm trâu',
			kind: ['site', 'practice'],
			ethnicGroup: ['bahnar'],
			province: 'Kon Tum'
		});
		expect(filterFromQuery(q)).toEqual({
			kinds: ['site', 'practice'],
			ethnicGroups: ['bahnar'],
			province: 'Kon Tum'
		});
	});
	it('rejects a huge page size instead of clamping it', () => {
		expect(messageOf('pageSize=100000')).toMatch(/pageSize must be a whole number from 1 to 100/);
		expect(messageOf('pageSize=0')).toMatch(/pageSize/);
	});
	it.each(['page=0', 'page=10001', 'page=-1', 'page=1.5', 'page=abc', 'page=1e3'])(
		'rejects %s',
		(qs) => expect(messageOf(qs)).toMatch(/^page must be/)
	);
	it('names the unsupported language', () => {
		expect(messageOf('lang=xx')).toBe("Unsupported language 'xx': use vi or en");
	});
	it('explains a bad bbox and a bad kind', () => {
		expect(messageOf('bbox=1,2,3')).toMatch(/four numbers/);
		expect(messageOf('bbox=0,10,1,5')).toMatch(/south/);
		expect(messageOf('kind=castle')).toMatch(/Unknown kind "castle": use one of site/);
		expect(messageOf('ethnicGroup=Ba%20Na')).toMatch(/ethnicGroup/);
	});
	it('caps the search text', () => {
		expect(messageOf(`q=${'a'.repeat(201)}`)).toMatch(/at most 200 characters/);
	});
	it('never echoes a long bad value in full', () => {
		expect(messageOf(`page=${'9'.repeat(5000)}`).length).toBeLessThan(200);
	});
});

describe('itemIdSchema', () => {
	it('accepts positive int4 ids only', () => {
		expect(itemIdSchema.parse('1')).toBe(1);
		expect(itemIdSchema.parse('2147483647')).toBe(2147483647);
		for (const bad of ['0', '2147483648', '-3', '12abc', '', ' ', '0x10']) {
			expect(() => itemIdSchema.parse(bad), bad).toThrow(ZodError);
		}
	});
});
