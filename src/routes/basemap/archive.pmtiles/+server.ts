import { Readable } from 'node:stream';
import type { ArchiveReply, ArchiveRequest } from '$lib/server/basemap/basemap.service';
import { PMTILES_CONTENT_TYPE } from '$lib/server/basemap/basemap.service';
import { api, errorJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/**
 * The PMTiles basemap archive (BASEMAP_PMTILES), read by the browser's pmtiles protocol in byte
 * ranges: 206 with Content-Range, 416 for a range outside the file, ETag and If-Range.
 */
const CACHE_CONTROL = 'public, max-age=3600';

function serve(
	method: ArchiveRequest['method'],
	{ locals, request }: Parameters<RequestHandler>[0]
): Promise<Response> {
	return api(async () =>
		toResponse(
			await locals.services.basemap.serveArchive({
				method,
				range: request.headers.get('range'),
				ifRange: request.headers.get('if-range'),
				ifNoneMatch: request.headers.get('if-none-match')
			})
		)
	);
}

function toResponse(reply: ArchiveReply): Response {
	const headers = new Headers({
		etag: reply.etag,
		'cache-control': CACHE_CONTROL,
		'accept-ranges': 'bytes',
		'x-content-type-options': 'nosniff'
	});
	if (reply.status === 304) return new Response(null, { status: 304, headers });
	if (reply.status === 416) {
		headers.set('content-range', `bytes */${reply.size}`);
		return errorJson(
			416,
			`The requested range is outside the basemap archive (${reply.size} bytes)`,
			headers
		);
	}
	headers.set('content-type', PMTILES_CONTENT_TYPE);
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

export const GET: RequestHandler = (event) => serve('GET', event);
export const HEAD: RequestHandler = (event) => serve('HEAD', event);
