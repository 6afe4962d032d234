import { translatorFor } from '$lib/i18n';
import { qrSvg } from '$lib/item/qr.server';
import { itemUrl } from '$lib/item/seo';
import { itemIdSchema } from '$lib/schemas/item.schema';
import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** A print-ready QR plaque for one record; restricted or unknown records are a 404 like the page. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	try {
		const id = itemIdSchema.parse(params.id);
		const { item } = await locals.services.items.get(locals.viewer, id);
		const link = itemUrl(url.origin, id);
		const label = translatorFor(locals.locale)('item.qrAlt', { url: link });
		return {
			id,
			kind: item.kind,
			title: item.title,
			link,
			svg: await qrSvg(link, { label })
		};
	} catch (err) {
		pageError(err);
	}
};
