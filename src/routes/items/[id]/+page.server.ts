import { itemIdSchema } from '$lib/schemas/item.schema';
import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const id = itemIdSchema.parse(params.id);
		return { detail: await locals.services.items.get(locals.viewer, id) };
	} catch (err) {
		pageError(err);
	}
};
