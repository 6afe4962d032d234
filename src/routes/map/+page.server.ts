import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** Enough to fill a phone screen or the side list before the map script arrives. */
const MAP_LIST_SIZE = 20;
const EMBEDDED_STYLE = '/basemap/style.json';

export const load: PageServerLoad = async ({ locals }) => {
	try {
		const result = await locals.services.items.list(locals.viewer, {
			page: 1,
			pageSize: MAP_LIST_SIZE,
			lang: locals.locale
		});
		return { result, styleUrl: locals.services.config.mapStyleUrl ?? EMBEDDED_STYLE };
	} catch (err) {
		pageError(err);
	}
};
