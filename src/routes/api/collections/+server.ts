/** GET /api/collections?lang= — the collections this reader may filter the map by. */
import { json } from '@sveltejs/kit';
import { parseCollectionsQuery } from '$lib/schemas/item.schema';
import { api, onlyGet, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const query = parseCollectionsQuery(url.searchParams);
		const lang = query.lang ?? locals.locale;
		const result = await locals.services.map.collections(locals.viewer, lang);
		return json({ ...result, lang }, { headers: PUBLIC_API_HEADERS });
	});

export const fallback: RequestHandler = onlyGet;
