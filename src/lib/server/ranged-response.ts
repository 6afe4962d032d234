/**
 * The HTTP side of serving one stored object by byte ranges (media files, the PMTiles basemap):
 * 304 for a matching ETag, 416 with `bytes *\/size` for a range outside the object, else 200/206
 * with Content-Range and Content-Length, streaming the body (none for HEAD).
 */
import { Readable } from 'node:stream';
import { errorJson } from './http';
import type { ObjectBody } from './media/media-store';

export type RangedReply =
	| { status: 304 }
	| { status: 416; size: number }
	| {
			status: 200 | 206;
			size: number;
			/** Inclusive byte range sent (206), or null for the whole object. */
			range: { start: number; end: number } | null;
			/** null for HEAD: nothing was opened. */
			body: ObjectBody | null;
	  };

/**
 * `headers` carries what the caller decides (ETag, caching, content type of a 200/206); `what`
 * names the object in the 416 message ("the file", "the basemap archive").
 */
export function rangedResponse(reply: RangedReply, headers: Headers, what: string): Response {
	headers.set('accept-ranges', 'bytes');
	if (reply.status === 304) return new Response(null, { status: 304, headers });
	if (reply.status === 416) {
		headers.set('content-range', `bytes */${reply.size}`);
		headers.delete('content-type');
		return errorJson(416, `The requested range is outside ${what} (${reply.size} bytes)`, headers);
	}
	if (reply.range) {
		headers.set('content-range', `bytes ${reply.range.start}-${reply.range.end}/${reply.size}`);
		headers.set('content-length', String(reply.range.end - reply.range.start + 1));
	} else {
		headers.set('content-length', String(reply.size));
	}
	const body = reply.body
		? (Readable.toWeb(reply.body.stream) as unknown as ReadableStream<Uint8Array>)
		: null;
	return new Response(body, { status: reply.status, headers });
}
