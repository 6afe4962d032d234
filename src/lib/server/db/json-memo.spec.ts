import { describe, expect, it } from 'vitest';
import { JsonMemo, sameJson } from './json-memo';

describe('JsonMemo', () => {
	it('returns exactly what JSON.stringify returns, reused or not', () => {
		const memo = new JsonMemo();
		const values: unknown[] = [
			{ license: 'CC-BY', holder: null, credit: 'Thư viện "tỉnh"\n', sourceInstitution: null },
			{ license: 'CC-BY', holder: null, credit: 'Thư viện "tỉnh"\n', sourceInstitution: null },
			{ holder: null, license: 'CC-BY', credit: 'Thư viện "tỉnh"\n', sourceInstitution: null },
			{ license: 'CC-BY', holder: null, credit: 'Thư viện tỉnh', sourceInstitution: null },
			{ creator: ['A', 'B'], contributor: [], source: null, language: ['vi'] },
			{ creator: ['A', 'B'], contributor: [], source: null, language: ['vi'] },
			{ creator: ['A', 'C'], contributor: [], source: null, language: ['vi'] },
			{ creator: ['A', 'C'], contributor: [], source: null, language: ['vi'], extra: undefined },
			{ vi: 'khoảng năm 1948', en: 'about 1948' },
			{ vi: 'khoảng năm 1948', en: 'about 1948' },
			[1, 2, { x: 1 }],
			[1, 2, { x: 1 }],
			{ n: NaN },
			{ n: NaN },
			{ d: new Date(0) },
			{ d: new Date(1) }
		];
		for (const v of values) expect(memo.stringify(v)).toBe(JSON.stringify(v));
	});

	it('compares key order, types and nesting', () => {
		expect(sameJson({ a: 1, b: [1, 'x'] }, { a: 1, b: [1, 'x'] })).toBe(true);
		expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
		expect(sameJson({ a: [1] }, { a: { 0: 1 } })).toBe(false);
		expect(sameJson({ a: null }, { a: undefined })).toBe(false);
		expect(sameJson('1', 1)).toBe(false);
		expect(sameJson(new Date(0), new Date(0))).toBe(false);
	});
});
