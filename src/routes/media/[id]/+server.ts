import { mediaIdSchema } from '$lib/schemas/item.schema';
import { api } from '$lib/server/http';
import { rangedResponse } from '$lib/server/ranged-response';
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
		'x-content-type-options': 'nosniff',
		// Media is never a document: an uploaded SVG or HTML file must not run script here.
		'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
	});
	if (reply.status === 200 || reply.status === 206) {
		headers.set('content-type', reply.record.mimeType);
		headers.set('content-disposition', 'inline');
	}
	return rangedResponse(reply, headers, 'the file');
}

export const GET: RequestHandler = (event) => serve('GET', event);
export const HEAD: RequestHandler = (event) => serve('HEAD', event);
