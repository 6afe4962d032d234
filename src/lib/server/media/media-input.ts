/**
 * Input checks both media stores share, so local disk and S3 accept and refuse exactly the same
 * things (the contract suite holds them to it).
 */
import { ValidationError } from '../errors';
import { RangeNotSatisfiableError, type ByteRange } from './media-store';

/** '' (everything) or key-like segments, optionally ending in '/'; same rules as keys. */
const PREFIX_PATTERN = /^(?!.*\.\.)([a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*\/?)?$/;

export function assertMediaPrefix(prefix: string): void {
	if (typeof prefix !== 'string' || !PREFIX_PATTERN.test(prefix) || prefix.length > 512) {
		throw new ValidationError(
			`Invalid media key prefix ${JSON.stringify(prefix)}: use lowercase letters, digits, '.', '_', '-' and '/', with no '..' or leading '/'.`
		);
	}
}

/**
 * Content types travel as HTTP headers on S3 and must come back byte-exact, so only printable
 * ASCII is allowed (`text/plain; charset=utf-8` is fine; a Vietnamese filename in it is not).
 */
export function assertContentType(contentType: string): void {
	if (
		typeof contentType !== 'string' ||
		contentType.length > 255 ||
		!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/i.test(contentType)
	) {
		throw new ValidationError(
			`Invalid content type ${JSON.stringify(contentType)}: expected a MIME type such as image/jpeg, in plain ASCII.`
		);
	}
}

export function assertByteRange(range: ByteRange): void {
	const { start, end } = range;
	const validStart = Number.isSafeInteger(start) && start >= 0;
	const validEnd = end === undefined || (Number.isSafeInteger(end) && end >= start);
	if (!validStart || !validEnd) {
		throw new ValidationError(
			`Invalid byte range ${JSON.stringify(range)}: start and end are whole numbers with 0 <= start <= end.`
		);
	}
}

/**
 * The inclusive range to serve from an object of `size` bytes, as HTTP does: an end past the
 * last byte is cut to it; a start at or past the end cannot be served.
 */
export function clampRange(range: ByteRange, size: number): { start: number; end: number } {
	assertByteRange(range);
	if (range.start >= size) throw new RangeNotSatisfiableError(size);
	return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}
