import { translatorFor } from '$lib/i18n';
import { qrSvg } from '$lib/item/qr.server';
import { itemUrl } from '$lib/item/seo';
import { itemIdSchema } from '$lib/schemas/item.schema';
import { api } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The plaque's QR code as a file, for a sign maker; 404 (JSON) when the record is not public. */
export const GET: RequestHandler = ({ locals, params, url }) =>
	api(async () => {
		const id = itemIdSchema.parse(params.id);
		await locals.services.items.get(locals.viewer, id);
		const link = itemUrl(url.origin, id);
		const svg = await qrSvg(link, {
			label: translatorFor(locals.locale)('item.qrAlt', { url: link }),
			size: 1024
		});
		return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`, {
			headers: {
				'content-type': 'image/svg+xml; charset=utf-8',
				'content-disposition': `attachment; filename="disan-item-${id}-qr.svg"`,
				// private: when staff sign-in lands, a restricted record's code must not sit in a shared cache.
				'cache-control': 'private, max-age=300',
				'x-content-type-options': 'nosniff'
			}
		});
	});
