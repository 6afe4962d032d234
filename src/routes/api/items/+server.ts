import { json } from '@sveltejs/kit';
import { filterFromQuery, parseItemListQuery } from '$lib/schemas/item.schema';
import { api, errorJson, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const query = parseItemListQuery(url.searchParams);
		const lang = query.lang ?? locals.locale;
		const result = await locals.services.items.list(locals.viewer, {
			page: query.page,
			pageSize: query.pageSize,
			lang,
			q: query.q,
			bbox: query.bbox,
			filter: filterFromQuery(query)
		});
		return json({ ...result, lang }, { headers: PUBLIC_API_HEADERS });
	});

export const fallback: RequestHandler = ({ request }) =>
	errorJson(405, `${request.method} is not supported here: use GET`, { allow: 'GET' });
