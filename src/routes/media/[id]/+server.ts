import { Readable } from 'node:stream';
import { mediaIdSchema } from '$lib/schemas/item.schema';
import { api, errorJson } from '$lib/server/http';
import type { MediaReply, MediaRequest } from '$lib/server/services/media.service';
import type { RequestHandler } from './$types';

async function serve(
	method: MediaRequest['method'],
	{ params, locals, request }: Parameters<RequestHandler>[0]
): Promise<Response> {
	return api(async () => {
		const id = mediaIdSchema.parse(params.id);
		const reply = await locals.services.media.serve(locals.viewer, id, {
			method,
			range: request.headers.get('range'),
			ifRange: request.headers.get('if-range'),
			ifNoneMatch: request.headers.get('if-none-match')
		});
		return toResponse(reply);
	});
}

function toResponse(reply: MediaReply): Response {
	const headers = new Headers({
		etag: reply.etag,
		'cache-control': reply.cacheControl,
		'accept-ranges': 'bytes',
		'x-content-type-options': 'nosniff',
		// Media is never a document: an uploaded SVG or HTML file must not run script here.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
	});
	if (reply.status === 304) return new Response(null, { status: 304, headers });
	if (reply.status === 416) {
		headers.set('content-range', `bytes */${reply.size}`);
		return errorJson(416, `The requested range is outside the file (${reply.size} bytes)`, headers);
	}
	headers.set('content-type', reply.record.mimeType);
	headers.set('content-disposition', 'inline');
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
