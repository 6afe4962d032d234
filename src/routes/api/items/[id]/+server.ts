import { json } from '@sveltejs/kit';
import { itemIdSchema } from '$lib/schemas/item.schema';
import { api, onlyGet, PUBLIC_API_HEADERS } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) =>
	api(async () => {
		const id = itemIdSchema.parse(params.id);
		const { item, media, ethnicGroups } = await locals.services.items.get(locals.viewer, id);
		return json(
			{ ...item, media, ethnicGroupLabels: ethnicGroups },
			{ headers: PUBLIC_API_HEADERS }
		);
	});

export const fallback: RequestHandler = onlyGet;
