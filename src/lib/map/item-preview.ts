/** What the preview card shows for a single record clicked on the map (from its tile feature). */
import { ITEM_KINDS, type ItemKind } from '$lib/domain/types';

export interface ItemPreview {
	id: number;
	kind: ItemKind;
	titleVi: string;
	titleEn: string;
	cover: string | null;
}

/** Null when the feature is not a single record we can link to (e.g. a cluster). */
export function itemPreviewFrom(props: Record<string, unknown>): ItemPreview | null {
	const id = Number(props.id);
	const kind = String(props.kind ?? '');
	if (!Number.isInteger(id) || id <= 0 || !(ITEM_KINDS as readonly string[]).includes(kind)) {
		return null;
	}
	const text = (v: unknown) => (typeof v === 'string' ? v : '');
	// The tile may carry the cover as a media id or as our own URL.
	const rawCover = props.cover;
	const cover =
		typeof rawCover === 'number' && Number.isInteger(rawCover)
			? `/media/${rawCover}`
			: text(rawCover);
	return {
		id,
		kind: kind as ItemKind,
		titleVi: text(props.title_vi),
		titleEn: text(props.title_en),
		// Only our own media URLs: a tile property must not load images from elsewhere.
		cover: cover.startsWith('/') && !cover.startsWith('//') ? cover : null
	};
}

/** The preview card for a list entry or search suggestion (texts already resolved by the API). */
export function itemPreviewFromItem(item: {
	id: number;
	kind: ItemKind;
	title: string;
	localized?: { title: Record<string, string> };
	coverUrl?: string | null;
}): ItemPreview {
	const titles = item.localized?.title ?? {};
	return {
		id: item.id,
		kind: item.kind,
		titleVi: titles.vi || item.title,
		titleEn: titles.en || item.title,
		cover: item.coverUrl && item.coverUrl.startsWith('/') ? item.coverUrl : null
	};
}

/** A record as `GET /api/items/{id}` returns it (the fields the card needs). */
interface ItemBody {
	id: number;
	kind: ItemKind;
	title: Record<string, string>;
	media: { kind: string; url: string }[];
}

/** The card for a record not in the loaded lists (back to an `?item=`); null when unavailable. */
export async function fetchItemPreview(
	id: number,
	lang: string,
	fetchFn: typeof fetch = fetch
): Promise<ItemPreview | null> {
	try {
		const res = await fetchFn(`/api/items/${id}?lang=${lang}`);
		if (!res.ok) return null;
		const body = (await res.json()) as ItemBody;
		return itemPreviewFromItem({
			id: body.id,
			kind: body.kind,
			title: Object.values(body.title)[0] ?? '',
			localized: { title: body.title },
			coverUrl: body.media.find((m) => m.kind === 'image')?.url ?? null
		});
	} catch {
		return null;
	}
}
