import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { zodMessage } from '../server/http';
import {
	filterFromQuery,
	itemIdSchema,
	parseCollectionsQuery,
	parseFacetsQuery,
	parseItemListQuery,
	parseSuggestQuery
} from './item.schema';

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

describe('map filters, near, facets and suggest parameters', () => {
	const zodText = (fn: () => unknown) => {
		try {
			fn();
		} catch (err) {
			if (err instanceof ZodError) return zodMessage(err);
			throw err;
		}
		throw new Error('expected a ZodError');
	};

	it('parses from, to, textLang and collection into the filter', () => {
		const q = parse('from=-500&to=1945&textLang=BDQ&collection=di-san-cham');
		expect(filterFromQuery(q)).toEqual({
			fromYear: -500,
			toYear: 1945,
			textLang: 'bdq',
			collection: 'di-san-cham'
		});
		expect(filterFromQuery(parse('textLang=zh-Hant')).textLang).toBe('zh-Hant');
	});

	it('rejects from after to, bad years, language tags and collection slugs with clear messages', () => {
		expect(messageOf('from=1900&to=1800')).toBe(
			'from (1900) must not be later than to (1800); negative years are BCE'
		);
		expect(messageOf('from=abc')).toMatch(/^from must be a whole year from -10000 to 3000/);
		expect(messageOf('to=1e3')).toMatch(/^to must be a whole year/);
		expect(messageOf('textLang=bahnar!')).toMatch(/^textLang must be a language tag such as bdq/);
		expect(messageOf('collection=Di San')).toMatch(/^collection must be a collection slug/);
		expect(messageOf(`collection=${'a'.repeat(101)}`)).toMatch(/at most 100/);
	});

	it('parses near=lng,lat with limit and maxKm, and refuses bad points', () => {
		expect(parse('near=108.0186,14.3545&limit=5&maxKm=2.5')).toMatchObject({
			near: [108.0186, 14.3545],
			limit: 5,
			maxKm: 2.5
		});
		expect(messageOf('near=14.3')).toMatch(/^near must be two numbers "longitude,latitude"/);
		expect(messageOf('near=200,10')).toMatch(/^near must be longitude -180..180/);
		expect(messageOf('near=10,-91')).toMatch(/latitude -90..90/);
		expect(messageOf('near=a,b')).toMatch(/^near must be two numbers/);
		expect(messageOf('near=108,14&maxKm=0')).toMatch(/^maxKm must be a distance/);
		expect(messageOf('near=108,14&maxKm=-3')).toMatch(/^maxKm/);
		expect(messageOf('near=108,14&limit=1000')).toMatch(/^limit must be a whole number/);
		expect(messageOf('near=108,14&q=nha')).toMatch(/near cannot be combined with bbox or q/);
		expect(messageOf('maxKm=5')).toMatch(/maxKm and limit go with near/);
	});

	it('reads facets queries: filters, q, bbox and lang; from after to is refused', () => {
		const q = parseFacetsQuery(
			new URLSearchParams('kind=site&bbox=102,8,110,24&q=%20nhà rông &lang=en&collection=le-hoi')
		);
		expect(q).toEqual({
			kind: ['site'],
			bbox: { west: 102, south: 8, east: 110, north: 24 },
			q: 'nhà rông',
			lang: 'en',
			collection: 'le-hoi'
		});
		expect(zodText(() => parseFacetsQuery(new URLSearchParams('from=5&to=1')))).toMatch(
			/must not be later than to/
		);
		expect(zodText(() => parseFacetsQuery(new URLSearchParams(`q=${'x'.repeat(201)}`)))).toMatch(
			/at most 200 characters/
		);
	});

	it('reads suggest queries with a default and capped limit', () => {
		expect(parseSuggestQuery(new URLSearchParams('q=nha'))).toEqual({ q: 'nha', limit: 8 });
		expect(parseSuggestQuery(new URLSearchParams('q=&limit=3'))).toEqual({ limit: 3 });
		expect(zodText(() => parseSuggestQuery(new URLSearchParams('q=a&limit=21')))).toMatch(
			/^limit must be a whole number from 1 to 20/
		);
	});

	it('reads the collections query', () => {
		expect(parseCollectionsQuery(new URLSearchParams('lang=en'))).toEqual({ lang: 'en' });
		expect(zodText(() => parseCollectionsQuery(new URLSearchParams('lang=fr')))).toMatch(
			/Unsupported language/
		);
	});
});
