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
