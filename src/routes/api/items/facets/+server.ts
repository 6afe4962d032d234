/**
 * GET /api/items/facets?kind=&ethnicGroup=&province=&from=&to=&textLang=&collection=&q=&bbox=&lang=
 * — counts for the map's filter panel (ItemFacets) plus `labels` in `lang`. With `q`, counted over
 * the search hits; `capped: true` when those reached the search cap (500), as lists say "500+".
 */
import { json } from '@sveltejs/kit';
import { filterFromQuery, parseFacetsQuery } from '$lib/schemas/item.schema';
import { api, onlyGet, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const query = parseFacetsQuery(url.searchParams);
		const lang = query.lang ?? locals.locale;
		const result = await locals.services.map.facets(locals.viewer, {
			lang,
			bbox: query.bbox,
			q: query.q,
			filter: filterFromQuery(query)
		});
		return json({ ...result, lang }, { headers: PUBLIC_API_HEADERS });
	});

export const fallback: RequestHandler = onlyGet;
