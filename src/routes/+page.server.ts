import { pageError } from '$lib/server/http';
import { pageQuerySchema } from '$lib/schemas/item.schema';
import type { PageServerLoad } from './$types';

/** Twelve fills a 1-, 2-, 3- or 4-column grid evenly. */
const HOME_PAGE_SIZE = 12;

export const load: PageServerLoad = async ({ locals, url }) => {
	try {
		const { page } = pageQuerySchema.parse({ page: url.searchParams.get('page') || undefined });
		const result = await locals.services.items.list(locals.viewer, {
			page,
			pageSize: HOME_PAGE_SIZE,
			lang: locals.locale
		});
		return { result, pages: Math.max(1, Math.ceil(result.total / HOME_PAGE_SIZE)) };
	} catch (err) {
		pageError(err);
	}
};
