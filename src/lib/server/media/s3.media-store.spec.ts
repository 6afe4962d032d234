import { describe, expect, it } from 'vitest';
import { parseContentRange } from './s3.media-store';

// The store itself runs against s3rver in tests/contract/s3.media-store.spec.ts.
describe('parseContentRange', () => {
	it('reads start, end and total size', () => {
		expect(parseContentRange('bytes 4-12/28')).toEqual({ start: 4, end: 12, size: 28 });
	});

	it.each([undefined, '', 'bytes */28', 'bytes 4-12/*', 'items 1-2/3'])('gives null for %j', (v) =>
		expect(parseContentRange(v)).toBeNull()
	);
});
