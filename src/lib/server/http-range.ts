/**
 * HTTP byte ranges (RFC 9110 §14) for media files: enough for video seeking and resumed downloads.
 * Multi-range requests are answered with the whole file, which the RFC allows and every client
 * handles; so are malformed headers (a server must ignore a Range it cannot parse).
 */
export type RangeRequest =
	{ kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/i;

export function parseRangeHeader(header: string | null, size: number): RangeRequest {
	if (!header) return { kind: 'none' };
	const match = SINGLE.exec(header.trim());
	if (!match) return { kind: 'none' };
	const [, first, last] = match;
	if (first === '' && last === '') return { kind: 'none' };
	if (first === '') {
		// Suffix range: the last N bytes.
		const length = Number(last);
		if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'range', start: Math.max(0, size - length), end: size - 1 };
	}
	const start = Number(first);
	const end = last === '' ? Infinity : Number(last);
	if (!Number.isSafeInteger(start) || end < start) return { kind: 'none' };
	if (start >= size) return { kind: 'unsatisfiable' };
	return { kind: 'range', start, end: Math.min(end, size - 1) };
}

/** True when an If-None-Match header matches the (strong) ETag, so 304 may be sent. */
export function etagMatches(header: string | null, etag: string): boolean {
	if (!header) return false;
	if (header.trim() === '*') return true;
	return header
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.includes(etag);
}
