/**
 * GET /api/items/suggest?q=&lang=&limit=8 (plus the map's filters and bbox) — titles for the
 * search box while typing, best first. Blank `q` → an empty list.
 */
import { json } from '@sveltejs/kit';
import { filterFromQuery, parseSuggestQuery } from '$lib/schemas/item.schema';
import { api, onlyGet, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const query = parseSuggestQuery(url.searchParams);
		const lang = query.lang ?? locals.locale;
		const result = await locals.services.map.suggest(locals.viewer, {
			lang,
			q: query.q,
			limit: query.limit,
			bbox: query.bbox,
			filter: filterFromQuery(query)
		});
		return json({ ...result, lang }, { headers: PUBLIC_API_HEADERS });
	});

export const fallback: RequestHandler = onlyGet;
