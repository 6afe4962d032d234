/**
 * Rows to domain objects and back. Texts live one row per language in item_texts; a language
 * appears in title/summary/body only where that text is non-empty. Term and group lists come back
 * de-duplicated and sorted, so both engines agree on order.
 */
import type { Geometry } from 'geojson';
import type {
	AccessScope,
	DublinCoreExtra,
	Item,
	ItemKind,
	LngLat,
	LocalizedText,
	NewItem,
	Precision,
	Rights,
	Status,
	Visibility,
	ItemSummary
} from '$lib/domain/types';
import { publicPointFor } from '$lib/geo/generalise';
import { vnFold } from '$lib/text/fold';
import { summaryDocJson, type SummaryDoc } from '../summary-doc';

export interface SummaryRow extends Record<string, unknown> {
	id: number;
	slug: string;
	kind: ItemKind;
	public_lng: number | null;
	public_lat: number | null;
	province: string | null;
	start_year: number | null;
	end_year: number | null;
	/** JSON of SummaryDoc; null for rows written before migration 0004. */
	summary_doc: string | null;
	/** [lang, title, summary][]: only read when summary_doc is null (else null). */
	texts: Array<[string, string, string]> | null;
	ethnic_groups: string[] | null;
	cover_media_id: number | null;
}

export interface ItemRow extends Record<string, unknown> {
	id: number;
	slug: string;
	kind: ItemKind;
	status: Status;
	visibility: Visibility;
	lng: number | null;
	lat: number | null;
	public_lng: number | null;
	public_lat: number | null;
	geometry: Geometry | null;
	precision: Precision;
	province: string | null;
	district: string | null;
	commune: string | null;
	start_year: number | null;
	end_year: number | null;
	time_label: LocalizedText;
	rights: Rights;
	dc: DublinCoreExtra;
	created_at: string;
	updated_at: string;
	/** [lang, title, summary, body][] */
	texts: Array<[string, string, string, string]>;
	ethnic_groups: string[];
	subjects: string[];
	community_groups: string[];
}

export const sortedUnique = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

const point = (lng: number | null, lat: number | null): LngLat | null =>
	lng === null || lat === null ? null : [lng, lat];

/** Maps lang → text for one column of [lang, ...texts] tuples, skipping empty texts. */
function textMap(rows: ReadonlyArray<readonly string[]>, column: number): LocalizedText {
	const out: LocalizedText = {};
	for (const r of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		if (r[column]) out[r[0]] = r[column];
	}
	return out;
}

export function summaryFromRow(r: SummaryRow): ItemSummary {
	const doc: SummaryDoc =
		r.summary_doc !== null
			? (JSON.parse(r.summary_doc) as SummaryDoc)
			: {
					title: textMap(r.texts ?? [], 1),
					summary: textMap(r.texts ?? [], 2),
					ethnicGroups: r.ethnic_groups ?? []
				};
	return {
		id: r.id,
		slug: r.slug,
		kind: r.kind,
		title: doc.title,
		summary: doc.summary,
		publicPoint: point(r.public_lng, r.public_lat),
		province: r.province,
		startYear: r.start_year,
		endYear: r.end_year,
		ethnicGroups: sortedUnique(doc.ethnicGroups),
		coverMediaId: r.cover_media_id
	};
}

/**
 * Non-staff viewers get the public point as location.point, and no boundary unless the precision
 * is exact (a boundary would reveal where a generalised site really is).
 */
export function itemFromRow(r: ItemRow, scope: AccessScope): Item {
	const publicPoint = point(r.public_lng, r.public_lat);
	return {
		id: r.id,
		slug: r.slug,
		kind: r.kind,
		status: r.status,
		visibility: r.visibility,
		communityGroups: sortedUnique(r.community_groups),
		title: textMap(r.texts, 1),
		summary: textMap(r.texts, 2),
		body: textMap(r.texts, 3),
		location: {
			point: scope.exactLocation ? point(r.lng, r.lat) : publicPoint,
			geometry: scope.exactLocation || r.precision === 'exact' ? r.geometry : null,
			precision: r.precision
		},
		publicPoint,
		place: { province: r.province, district: r.district, commune: r.commune },
		time: { startYear: r.start_year, endYear: r.end_year, label: r.time_label },
		ethnicGroups: sortedUnique(r.ethnic_groups),
		subjects: sortedUnique(r.subjects),
		rights: r.rights,
		dc: r.dc,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

/** One item_texts row per language that has any text. */
export interface TextRow {
	lang: string;
	title: string;
	summary: string;
	body: string;
	fold: string;
}

/**
 * `fold` is the searchable form: vnFold of all three texts, reduced to letter/digit words
 * separated by single spaces. That is exactly how `searchTokens` splits a query, so PostgreSQL's
 * parser sees the same words SQLite's tokenizer does (it would otherwise keep `a.b` or `x/y`
 * as one host or path token).
 */
export function textRows(item: Pick<NewItem, 'title' | 'summary' | 'body'>): TextRow[] {
	const langs = sortedUnique([
		...Object.keys(item.title),
		...Object.keys(item.summary),
		...Object.keys(item.body)
	]);
	return langs
		.map((lang) => {
			const title = item.title[lang] ?? '';
			const summary = item.summary[lang] ?? '';
			const body = item.body[lang] ?? '';
			return { lang, title, summary, body, fold: foldForSearch(`${title} ${summary} ${body}`) };
		})
		.filter((t) => t.title || t.summary || t.body);
}

export function foldForSearch(text: string): string {
	return vnFold(text)
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length > 0)
		.join(' ');
}

/** The items-table values of a NewItem, in the order of ITEM_WRITE_COLUMNS. */
export interface ItemWrite {
	slug: string;
	kind: string;
	status: string;
	visibility: string;
	lng: number | null;
	lat: number | null;
	publicLng: number | null;
	publicLat: number | null;
	geometry: string | null;
	precision: string;
	province: string | null;
	district: string | null;
	commune: string | null;
	startYear: number | null;
	endYear: number | null;
	timeLabel: string;
	rights: string;
	dc: string;
	summaryDoc: string;
}

export function itemWrite(item: NewItem): ItemWrite {
	const pub = publicPointFor(item.location.point, item.location.precision);
	return {
		slug: item.slug,
		kind: item.kind,
		status: item.status,
		visibility: item.visibility,
		lng: item.location.point?.[0] ?? null,
		lat: item.location.point?.[1] ?? null,
		publicLng: pub?.[0] ?? null,
		publicLat: pub?.[1] ?? null,
		geometry: item.location.geometry ? JSON.stringify(item.location.geometry) : null,
		precision: item.location.precision,
		province: item.place.province,
		district: item.place.district,
		commune: item.place.commune,
		startYear: item.time.startYear,
		endYear: item.time.endYear,
		timeLabel: JSON.stringify(item.time.label),
		rights: JSON.stringify(item.rights),
		dc: JSON.stringify(item.dc),
		summaryDoc: summaryDocJson(item)
	};
}

/** The NewItem an existing Item describes (for applying a patch). */
export function toNewItem(item: Item): NewItem {
	return {
		slug: item.slug,
		kind: item.kind,
		status: item.status,
		visibility: item.visibility,
		communityGroups: item.communityGroups,
		title: item.title,
		summary: item.summary,
		body: item.body,
		location: item.location,
		place: item.place,
		time: item.time,
		ethnicGroups: item.ethnicGroups,
		subjects: item.subjects,
		rights: item.rights,
		dc: item.dc
	};
}
