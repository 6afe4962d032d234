/**
 * Reading heritage records for the public site and the JSON API. Every read goes through
 * `scopeFor(viewer)`, so a draft, withdrawn or restricted record is simply absent: "not found"
 * and "not allowed" look the same from outside.
 */
import type {
	AccessScope,
	BBox,
	Item,
	ItemFilter,
	ItemSummary,
	LangTag,
	LocalizedText,
	MediaKind,
	MediaRecord,
	Rights,
	Viewer
} from '../../domain/types';
import { pickLocalized } from '../../i18n/pick-text';
import {
	MAX_LIMIT,
	type ItemRepository,
	type MediaRepository,
	type VocabularyRepository
} from '../db/ports';
import { NotFoundError } from '../errors';
import { scopeFor } from './access.service';

export interface ItemListOptions {
	page: number;
	pageSize: number;
	/** The language to resolve `title` and `summary` in (with fallback). */
	lang: LangTag;
	filter?: ItemFilter;
	/** Full-text search; blank means no search. */
	q?: string;
	bbox?: BBox;
}

/** A list entry: texts resolved in the asked language, plus every language for clients. */
export interface ItemSummaryView extends Omit<ItemSummary, 'title' | 'summary'> {
	title: string;
	titleLang: LangTag | null;
	summary: string;
	summaryLang: LangTag | null;
	localized: { title: LocalizedText; summary: LocalizedText };
	/** URL of the cover image (served through the access check), or null. */
	coverUrl: string | null;
}

export interface ItemListResult {
	items: ItemSummaryView[];
	/** For search and map-box queries this counts at most MAX_LIMIT matches. */
	total: number;
	page: number;
	pageSize: number;
}

/** What the public may know about a media file; storage keys stay inside. */
export interface MediaView {
	id: number;
	url: string;
	kind: MediaKind;
	mimeType: string;
	bytes: number;
	width: number | null;
	height: number | null;
	durationSeconds: number | null;
	alt: LocalizedText;
	caption: LocalizedText;
	rights: Rights;
}

export interface TermView {
	code: string;
	label: LocalizedText;
}

export interface ItemDetail {
	item: Item;
	media: MediaView[];
	/** The item's ethnic groups with their vocabulary labels, in the item's order. */
	ethnicGroups: TermView[];
}

export interface ItemServiceDeps {
	items: ItemRepository;
	media: MediaRepository;
	vocabularies: VocabularyRepository;
}

export const mediaUrl = (id: number) => `/media/${id}`;

/** How far "nearby" reaches by default, and the most neighbours one call returns. */
export const NEARBY_MAX_METERS = 100_000;
export const NEARBY_MAX_LIMIT = 24;

export interface NearbyOptions {
	limit: number;
	lang: LangTag;
	/** Defaults to NEARBY_MAX_METERS. */
	maxMeters?: number;
}

/** A neighbour of an item, with the distance between the two public points in whole metres. */
export interface NearbyItemView extends ItemSummaryView {
	meters: number;
}

export class ItemService {
	constructor(private readonly deps: ItemServiceDeps) {}

	async list(viewer: Viewer, opts: ItemListOptions): Promise<ItemListResult> {
		const scope = scopeFor(viewer);
		const offset = (opts.page - 1) * opts.pageSize;
		const q = opts.q?.trim() ?? '';
		if (q === '' && !opts.bbox) {
			const page = await this.deps.items.list(scope, { limit: opts.pageSize, offset }, opts.filter);
			return this.result(page.items, page.total, opts);
		}
		// Search and box queries have no count in the ports, so they load at most MAX_LIMIT
		// matches in their defined order and page through those.
		const all =
			q !== ''
				? await this.deps.items.search(q, scope, {
						limit: MAX_LIMIT,
						bbox: opts.bbox,
						filter: opts.filter
					})
				: await this.deps.items.findInBBox(opts.bbox!, scope, {
						limit: MAX_LIMIT,
						filter: opts.filter
					});
		return this.result(all.slice(offset, offset + opts.pageSize), all.length, opts);
	}

	/** Full-text search; the same as `list` with `q`. */
	search(viewer: Viewer, q: string, opts: Omit<ItemListOptions, 'q'>): Promise<ItemListResult> {
		return this.list(viewer, { ...opts, q });
	}

	/** NotFoundError when the item is absent or not visible to this viewer. */
	async get(viewer: Viewer, id: number): Promise<ItemDetail> {
		const scope = scopeFor(viewer);
		const item = await this.deps.items.getById(id, scope);
		if (!item) throw new NotFoundError(`No published record has id ${id}`);
		const [media, terms] = await Promise.all([
			this.deps.media.listForItem(item.id),
			item.ethnicGroups.length > 0
				? this.deps.vocabularies.list('ethnic_group')
				: Promise.resolve([])
		]);
		const labels = new Map(terms.map((term) => [term.code, term.label]));
		return {
			item: protectLocation(item, scope),
			media: media.map(toMediaView),
			ethnicGroups: item.ethnicGroups.map((code) => ({
				code,
				label: labels.get(code) ?? { vi: code }
			}))
		};
	}

	/**
	 * Records near this one, nearest first, measured from its public point: a sensitive site's
	 * true point is never the origin, and a hidden one has no neighbours at all. NotFoundError
	 * when the item itself is absent or not visible to this viewer.
	 */
	async nearby(viewer: Viewer, id: number, opts: NearbyOptions): Promise<NearbyItemView[]> {
		const scope = scopeFor(viewer);
		const item = await this.deps.items.getById(id, scope);
		if (!item) throw new NotFoundError(`No published record has id ${id}`);
		if (item.location.precision === 'hidden' || !item.publicPoint) return [];
		const limit = Math.max(1, Math.min(opts.limit, NEARBY_MAX_LIMIT));
		const hits = await this.deps.items.nearest(item.publicPoint, scope, {
			limit: limit + 1,
			maxMeters: opts.maxMeters ?? NEARBY_MAX_METERS
		});
		return hits
			.filter((hit) => hit.id !== item.id)
			.slice(0, limit)
			.map((hit) => ({ ...toSummaryView(hit, opts.lang), meters: Math.round(hit.meters) }));
	}

	private result(summaries: ItemSummary[], total: number, opts: ItemListOptions): ItemListResult {
		return {
			items: summaries.map((summary) => toSummaryView(summary, opts.lang)),
			total,
			page: opts.page,
			pageSize: opts.pageSize
		};
	}
}

export function toSummaryView(summary: ItemSummary, lang: LangTag): ItemSummaryView {
	const title = pickLocalized(summary.title, [lang]);
	const text = pickLocalized(summary.summary, [lang]);
	// Built field by field: search results carry extras (a score) that are not part of the API.
	return {
		id: summary.id,
		slug: summary.slug,
		kind: summary.kind,
		title: title?.text ?? '',
		titleLang: title?.lang ?? null,
		summary: text?.text ?? '',
		summaryLang: text?.lang ?? null,
		localized: { title: summary.title, summary: summary.summary },
		publicPoint: summary.publicPoint,
		province: summary.province,
		startYear: summary.startYear,
		endYear: summary.endYear,
		ethnicGroups: summary.ethnicGroups,
		coverMediaId: summary.coverMediaId,
		coverUrl: summary.coverMediaId === null ? null : mediaUrl(summary.coverMediaId)
	};
}

/**
 * Defence in depth: repositories already filter by scope, but the true point and footprint of a
 * sensitive site must never leave the server for a non-staff viewer, whatever a repository does.
 */
export function protectLocation(item: Item, scope: AccessScope): Item {
	if (scope.exactLocation) return item;
	const exact = item.location.precision === 'exact';
	return {
		...item,
		location: {
			point: null,
			geometry: exact ? item.location.geometry : null,
			precision: item.location.precision
		}
	};
}

export function toMediaView(record: MediaRecord): MediaView {
	return {
		id: record.id,
		url: mediaUrl(record.id),
		kind: record.kind,
		mimeType: record.mimeType,
		bytes: record.bytes,
		width: record.width,
		height: record.height,
		durationSeconds: record.durationSeconds,
		alt: record.alt,
		caption: record.caption,
		rights: record.rights
	};
}
