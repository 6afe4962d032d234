import { describe, expect, it } from 'vitest';
import { etagMatches, parseRangeHeader } from './http-range';

describe('parseRangeHeader', () => {
	it('reads closed, open and suffix ranges', () => {
		expect(parseRangeHeader('bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
		expect(parseRangeHeader('bytes=90-', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
		expect(parseRangeHeader('bytes=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
		expect(parseRangeHeader('bytes=-500', 100)).toEqual({ kind: 'range', start: 0, end: 99 });
	});
	it('clamps an end past the file', () => {
		expect(parseRangeHeader('bytes=50-1000', 100)).toEqual({ kind: 'range', start: 50, end: 99 });
	});
	it('reports ranges that start past the end as unsatisfiable', () => {
		expect(parseRangeHeader('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRangeHeader('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
		expect(parseRangeHeader('bytes=0-1', 0)).toEqual({ kind: 'unsatisfiable' });
	});
	it.each([null, '', 'bytes=5-1', 'items=0-1', 'bytes=0-1,5-6', 'bytes=-', 'bytes=a-b'])(
		'ignores %s (whole file)',
		(header) => expect(parseRangeHeader(header, 100)).toEqual({ kind: 'none' })
	);
});

describe('etagMatches', () => {
	it('matches lists, weak forms and *', () => {
		expect(etagMatches('"abc"', '"abc"')).toBe(true);
		expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
		expect(etagMatches('*', '"abc"')).toBe(true);
		expect(etagMatches('"abd"', '"abc"')).toBe(false);
		expect(etagMatches(null, '"abc"')).toBe(false);
	});
});
