import type { ArchiveReply, ArchiveRequest } from '$lib/server/basemap/basemap.service';
import { PMTILES_CONTENT_TYPE } from '$lib/server/basemap/basemap.service';
import { api } from '$lib/server/http';
import { rangedResponse } from '$lib/server/ranged-response';
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
		'x-content-type-options': 'nosniff'
	});
	if (reply.status === 200 || reply.status === 206) {
		headers.set('content-type', PMTILES_CONTENT_TYPE);
	}
	return rangedResponse(reply, headers, 'the basemap archive');
}

export const GET: RequestHandler = (event) => serve('GET', event);
export const HEAD: RequestHandler = (event) => serve('HEAD', event);
