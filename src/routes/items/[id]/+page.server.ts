import { itemIdSchema } from '$lib/schemas/item.schema';
import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** Enough neighbours for two rows of cards on a wide screen, few enough for a phone. */
const NEARBY_LIMIT = 6;
const EMBEDDED_STYLE = '/basemap/style.json';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const id = itemIdSchema.parse(params.id);
		const { items, config } = locals.services;
		const [detail, nearby] = await Promise.all([
			items.get(locals.viewer, id),
			items.nearby(locals.viewer, id, { limit: NEARBY_LIMIT, lang: locals.locale })
		]);
		return {
			detail,
			nearby,
			// The configured ORIGIN under adapter-node: canonical, share and OpenGraph URLs use it.
			origin: url.origin,
			styleUrl: config.mapStyleUrl ?? EMBEDDED_STYLE,
			// The page writes its own description from the record (see the root layout).
			ownDescription: true
		};
	} catch (err) {
		pageError(err);
	}
};
