/** Rows ↔ domain objects for items. The location view for non-staff scopes is decided here. */
import type {
	AccessScope,
	DublinCoreExtra,
	Item,
	ItemKind,
	ItemSummary,
	LngLat,
	LocalizedText,
	NewItem,
	Precision,
	Rights,
	Status,
	Visibility
} from '$lib/domain/types';
import { vnFold } from '$lib/text/fold';
import type { SummaryDoc } from '../summary-doc';

export interface ItemRow {
	id: number;
	slug: string;
	kind: string;
	status: string;
	visibility: string;
	lng: number | null;
	lat: number | null;
	public_lng: number | null;
	public_lat: number | null;
	geometry: string | null;
	precision: string;
	province: string | null;
	district: string | null;
	commune: string | null;
	start_year: number | null;
	end_year: number | null;
	time_label: string;
	rights: string;
	dc: string;
	created_at: string;
	updated_at: string;
}

export interface TextRow {
	item_id: number;
	lang: string;
	title: string;
	summary: string;
	body?: string;
}

export interface SummaryRow {
	id: number;
	slug: string;
	kind: string;
	public_lng: number | null;
	public_lat: number | null;
	province: string | null;
	start_year: number | null;
	end_year: number | null;
	cover_media_id: number | null;
}

export interface ItemLinks {
	ethnicGroups: string[];
	subjects: string[];
	communityGroups: string[];
}

const point = (lng: number | null, lat: number | null): LngLat | null =>
	lng === null || lat === null ? null : [lng, lat];

/** Text maps from per-language rows; empty strings are absent keys. */
export function textMaps(rows: TextRow[]): Pick<Item, 'title' | 'summary' | 'body'> {
	const title: LocalizedText = {};
	const summary: LocalizedText = {};
	const body: LocalizedText = {};
	for (const r of rows) {
		if (r.title) title[r.lang] = r.title;
		if (r.summary) summary[r.lang] = r.summary;
		if (r.body) body[r.lang] = r.body;
	}
	return { title, summary, body };
}

/** One row per language present in any of the three maps, with the folded search text. */
export function textRowsFor(
	item: Pick<NewItem, 'title' | 'summary' | 'body'>
): Array<{ lang: string; title: string; summary: string; body: string; fold: string }> {
	// Bulk imports call this a million times: plain loops, no Set or spread.
	const langs: string[] = [];
	for (const texts of [item.title, item.summary, item.body]) {
		for (const lang in texts) if (!langs.includes(lang)) langs.push(lang);
	}
	langs.sort();
	const rows = [];
	for (const lang of langs) {
		const title = item.title[lang] ?? '';
		const summary = item.summary[lang] ?? '';
		const body = item.body[lang] ?? '';
		if (!title && !summary && !body) continue;
		rows.push({ lang, title, summary, body, fold: vnFold(`${title}\n${summary}\n${body}`) });
	}
	return rows;
}

export function toItem(row: ItemRow, texts: TextRow[], links: ItemLinks, scope: AccessScope): Item {
	const precision = row.precision as Precision;
	const publicPoint = point(row.public_lng, row.public_lat);
	const geometry = row.geometry === null ? null : JSON.parse(row.geometry);
	return {
		id: row.id,
		slug: row.slug,
		kind: row.kind as ItemKind,
		status: row.status as Status,
		visibility: row.visibility as Visibility,
		communityGroups: links.communityGroups,
		...textMaps(texts),
		// Non-staff never see the true point, nor a boundary that would reveal a generalised site.
		location: scope.exactLocation
			? { point: point(row.lng, row.lat), geometry, precision }
			: { point: publicPoint, geometry: precision === 'exact' ? geometry : null, precision },
		publicPoint,
		place: { province: row.province, district: row.district, commune: row.commune },
		time: {
			startYear: row.start_year,
			endYear: row.end_year,
			label: JSON.parse(row.time_label) as LocalizedText
		},
		ethnicGroups: links.ethnicGroups,
		subjects: links.subjects,
		rights: JSON.parse(row.rights) as Rights,
		dc: JSON.parse(row.dc) as DublinCoreExtra,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function toSummary(row: SummaryRow, texts: TextRow[], ethnicGroups: string[]): ItemSummary {
	const { title, summary } = textMaps(texts);
	return summaryOf(row, title, summary, ethnicGroups);
}

function summaryOf(
	row: SummaryRow,
	title: LocalizedText,
	summary: LocalizedText,
	ethnicGroups: string[]
): ItemSummary {
	return {
		id: row.id,
		slug: row.slug,
		kind: row.kind as ItemKind,
		title,
		summary,
		publicPoint: point(row.public_lng, row.public_lat),
		province: row.province,
		startYear: row.start_year,
		endYear: row.end_year,
		ethnicGroups,
		coverMediaId: row.cover_media_id
	};
}

/** A summary from its items row and stored summary_doc (see db/summary-doc.ts). */
export function toSummaryFromDoc(row: SummaryRow, doc: string): ItemSummary {
	const { title, summary, ethnicGroups } = JSON.parse(doc) as SummaryDoc;
	return summaryOf(row, title, summary, ethnicGroups);
}

/** Sorted, de-duplicated codes: the order the contract promises. */
export function codes(values: string[]): string[] {
	// Most items name one or two codes: no Set and no sort for those. May return `values` itself;
	// callers only read the result.
	if (values.length < 2) return values;
	if (values.length === 2) {
		const [a, b] = values;
		return a < b ? values : a === b ? [a] : [b, a];
	}
	return [...new Set(values)].sort();
}

/** The writable part of an item (what update merges a patch into). */
export function asNewItem(item: Item): NewItem {
	const { id, publicPoint, createdAt, updatedAt, ...rest } = item;
	void [id, publicPoint, createdAt, updatedAt];
	return rest;
}
