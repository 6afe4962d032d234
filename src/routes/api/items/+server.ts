/**
 * GET /api/items — published records, paged; with `q` a search, with `bbox` a map box, with
 * `near=lng,lat` (optional `limit`, `maxKm`) the nearest records, each with `meters`. Filters:
 * kind, ethnicGroup, province, from, to, textLang, collection (see item.schema.ts).
 */
import { json } from '@sveltejs/kit';
import { filterFromQuery, parseItemListQuery } from '$lib/schemas/item.schema';
import { api, onlyGet, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ url, locals }) =>
	api(async () => {
		const query = parseItemListQuery(url.searchParams);
		const lang = query.lang ?? locals.locale;
		const filter = filterFromQuery(query);
		const result = query.near
			? await locals.services.map.near(locals.viewer, {
					point: query.near,
					limit: query.limit ?? query.pageSize,
					maxKm: query.maxKm,
					lang,
					filter
				})
			: await locals.services.items.list(locals.viewer, {
					page: query.page,
					pageSize: query.pageSize,
					lang,
					q: query.q,
					bbox: query.bbox,
					filter
				});
		return json({ ...result, lang }, { headers: PUBLIC_API_HEADERS });
	});

export const fallback: RequestHandler = onlyGet;
