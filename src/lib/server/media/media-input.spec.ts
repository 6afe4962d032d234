import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { assertContentType, assertMediaPrefix, clampRange } from './media-input';
import { RangeNotSatisfiableError } from './media-store';

describe('clampRange', () => {
	it('keeps a range inside the object and cuts an end past it', () => {
		expect(clampRange({ start: 4, end: 12 }, 36)).toEqual({ start: 4, end: 12 });
		expect(clampRange({ start: 4 }, 36)).toEqual({ start: 4, end: 35 });
		expect(clampRange({ start: 35, end: 99 }, 36)).toEqual({ start: 35, end: 35 });
	});

	it('refuses a start at or past the size, reporting the size', () => {
		expect(() => clampRange({ start: 36 }, 36)).toThrow(RangeNotSatisfiableError);
		expect(() => clampRange({ start: 0 }, 0)).toThrow(RangeNotSatisfiableError);
		try {
			clampRange({ start: 50, end: 60 }, 36);
		} catch (err) {
			expect((err as RangeNotSatisfiableError).size).toBe(36);
		}
	});

	it.each([{ start: -1 }, { start: 3, end: 2 }, { start: 0.5 }, { start: Number.NaN }])(
		'rejects the malformed range %j',
		(range) => {
			expect(() => clampRange(range, 100)).toThrow(ValidationError);
		}
	);
});

describe('assertContentType', () => {
	it.each([
		'image/jpeg',
		'text/plain; charset=utf-8',
		'model/gltf+json',
		'application/vnd.apple.mpegurl'
	])('accepts %s', (type) => expect(() => assertContentType(type)).not.toThrow());

	it.each([
		'',
		'jpeg',
		'text/plain; name="Đình"',
		'text/plain\r\nX-Evil: 1',
		'a/'.padEnd(300, 'b')
	])('rejects %j', (type) => expect(() => assertContentType(type)).toThrow(ValidationError));
});

describe('assertMediaPrefix', () => {
	it.each(['', 'originals/', 'originals/2026', 'derivatives/originals/2026/11/x/'])(
		'accepts %j',
		(prefix) => expect(() => assertMediaPrefix(prefix)).not.toThrow()
	);

	it.each(['/', '../', 'a/../b', 'A/', 'a//', '.tmp/', '.meta'])('rejects %j', (prefix) =>
		expect(() => assertMediaPrefix(prefix)).toThrow(ValidationError)
	);
});
