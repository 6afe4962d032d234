import { itemPreviewFromItem, type ItemPreview } from '$lib/map/item-preview';
import { approxBBox, parseMapState, toItemFilter } from '$lib/map/map-state';
import { NotFoundError } from '$lib/server/errors';
import { pageError } from '$lib/server/http';
import type { PageServerLoad } from './$types';

/** Enough to fill a phone screen or the side list before the map script arrives. */
const MAP_LIST_SIZE = 20;
const EMBEDDED_STYLE = '/basemap/style.json';

/**
 * The first paint reads the same URL state as the client (map-state.ts): the list is already
 * searched and filtered, the search box filled and a shared record's card open before maplibre
 * loads. The box is estimated for a typical screen; the client refines it from the real map.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const state = parseMapState(url.searchParams);
	const { items } = locals.services;
	try {
		const [result, selected] = await Promise.all([
			items.list(locals.viewer, {
				page: 1,
				pageSize: MAP_LIST_SIZE,
				lang: locals.locale,
				q: state.q || undefined,
				bbox: state.area === 'view' && state.view ? approxBBox(state.view) : undefined,
				filter: toItemFilter(state)
			}),
			state.item === null ? null : selectedPreview(locals, state.item)
		]);
		return {
			state,
			result,
			selected,
			styleUrl: locals.services.config.mapStyleUrl ?? EMBEDDED_STYLE
		};
	} catch (err) {
		pageError(err);
	}
};

/** The card for `?item=`: absent (not an error) when the record is gone or not visible. */
async function selectedPreview(locals: App.Locals, id: number): Promise<ItemPreview | null> {
	try {
		const { item, media } = await locals.services.items.get(locals.viewer, id);
		const cover = media.find((m) => m.kind === 'image');
		return itemPreviewFromItem({
			id: item.id,
			kind: item.kind,
			title: Object.values(item.title)[0] ?? '',
			localized: { title: item.title },
			coverUrl: cover?.url ?? null
		});
	} catch (err) {
		if (err instanceof NotFoundError) return null;
		throw err;
	}
}
