/**
 * What an item page tells crawlers and link previews: canonical and language alternates,
 * OpenGraph/Twitter tags and schema.org JSON-LD. Pure and isomorphic, so it is unit-tested
 * without a server. Only the public point ever appears here: pages pass an item that went
 * through `protectLocation`, and this module reads `publicPoint`, never `location.point`.
 */
import type { Item, ItemKind } from '../domain/types';
import { LOCALES, type Locale } from '../i18n/locales';

/** The longest description we put in meta tags; previews cut around 160–200 characters. */
export const DESCRIPTION_MAX = 200;

const OG_LOCALES: Record<Locale, string> = { vi: 'vi_VN', en: 'en_US' };

/** The language-neutral address of an item: the page picks the reader's language itself. */
export function itemUrl(origin: string, id: number): string {
	return `${origin.replace(/\/+$/, '')}/items/${id}`;
}

/** The address of one language version (`?lang=` also sets the reader's language cookie). */
export function itemLangUrl(origin: string, id: number, locale: Locale): string {
	return `${itemUrl(origin, id)}?lang=${locale}`;
}

/** Whitespace collapsed, cut at a word boundary with an ellipsis when longer than `max`. */
export function shortDescription(text: string, max = DESCRIPTION_MAX): string {
	const clean = text.replace(/\s+/g, ' ').trim();
	if (clean.length <= max) return clean;
	const cut = clean.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

export interface SeoImage {
	/** Absolute URL. */
	url: string;
	alt: string;
	width: number | null;
	height: number | null;
	mimeType: string;
}

export interface ItemSeoInput {
	item: Item;
	/** Scheme and host the site is served at, e.g. `https://disan.example`. */
	origin: string;
	locale: Locale;
	/** Title and description already resolved in `locale` (with fallback). */
	title: string;
	description: string;
	siteName: string;
	image: SeoImage | null;
}

export interface MetaTag {
	/** OpenGraph uses `property`, Twitter and the rest `name`. */
	attr: 'property' | 'name';
	key: string;
	content: string;
}

export interface ItemSeo {
	canonical: string;
	/** What a share button sends: the language-neutral item address. */
	shareUrl: string;
	alternates: Array<{ hreflang: string; href: string }>;
	meta: MetaTag[];
	jsonLd: Record<string, unknown>;
}

export function itemSeo(input: ItemSeoInput): ItemSeo {
	const { item, origin, locale, title, image, siteName } = input;
	const description = shortDescription(input.description);
	// Each language version names itself canonical; the neutral address is the x-default.
	const canonical = itemLangUrl(origin, item.id, locale);
	const alternates = [
		...LOCALES.map((l) => ({ hreflang: l, href: itemLangUrl(origin, item.id, l) })),
		{ hreflang: 'x-default', href: itemUrl(origin, item.id) }
	];
	const og = (key: string, content: string): MetaTag => ({ attr: 'property', key, content });
	const tw = (key: string, content: string): MetaTag => ({ attr: 'name', key, content });
	const meta: MetaTag[] = [
		og('og:type', 'article'),
		og('og:site_name', siteName),
		og('og:title', title),
		og('og:url', canonical),
		og('og:locale', OG_LOCALES[locale]),
		...LOCALES.filter((l) => l !== locale).map((l) => og('og:locale:alternate', OG_LOCALES[l])),
		tw('twitter:card', image ? 'summary_large_image' : 'summary'),
		tw('twitter:title', title)
	];
	if (description) {
		meta.push(og('og:description', description), tw('twitter:description', description));
	}
	if (image) {
		meta.push(og('og:image', image.url), og('og:image:type', image.mimeType));
		if (image.width && image.height) {
			meta.push(og('og:image:width', String(image.width)));
			meta.push(og('og:image:height', String(image.height)));
		}
		if (image.alt) meta.push(og('og:image:alt', image.alt), tw('twitter:image:alt', image.alt));
		meta.push(tw('twitter:image', image.url));
	}
	return {
		canonical,
		shareUrl: itemUrl(origin, item.id),
		alternates,
		meta,
		jsonLd: itemJsonLd({
			item,
			url: canonical,
			name: title,
			description,
			imageUrl: image?.url ?? null,
			locale
		})
	};
}

/** schema.org type per kind: places are landmarks, festivals events, the rest creative works. */
export const SCHEMA_TYPES: Record<ItemKind, string> = {
	site: 'LandmarksOrHistoricalBuildings',
	structure: 'LandmarksOrHistoricalBuildings',
	event: 'Event',
	artefact: 'CreativeWork',
	document: 'CreativeWork',
	practice: 'CreativeWork',
	person: 'CreativeWork'
};

/** ISO 8601 year (`1802`, `-0300` for 300 BCE), as schema.org dates and intervals expect. */
export function isoYear(year: number): string {
	const digits = String(Math.abs(year)).padStart(4, '0');
	return year < 0 ? `-${digits}` : digits;
}

/** ISO 8601 interval (`1802/1945`, `1802/..`), or the period's label, or null. */
export function temporalCoverage(item: Item, locale: Locale): string | null {
	const { startYear, endYear, label } = item.time;
	if (startYear !== null || endYear !== null) {
		if (startYear !== null && startYear === endYear) return isoYear(startYear);
		const from = startYear === null ? '..' : isoYear(startYear);
		const to = endYear === null ? '..' : isoYear(endYear);
		return `${from}/${to}`;
	}
	return label[locale] ?? label.vi ?? label.en ?? Object.values(label)[0] ?? null;
}

export interface ItemJsonLdInput {
	item: Item;
	url: string;
	name: string;
	description: string;
	imageUrl: string | null;
	locale: Locale;
}

/** A schema.org description of the item. Coordinates come from `publicPoint` only. */
export function itemJsonLd(input: ItemJsonLdInput): Record<string, unknown> {
	const { item, url, name, description, imageUrl, locale } = input;
	const type = SCHEMA_TYPES[item.kind];
	const point = item.location.precision === 'hidden' ? null : item.publicPoint;
	const geo = point
		? { '@type': 'GeoCoordinates', latitude: point[1], longitude: point[0] }
		: undefined;
	const { province, district, commune } = item.place;
	const locality = [commune, district].filter(Boolean).join(', ');
	const address =
		province || locality
			? compact({
					'@type': 'PostalAddress',
					addressLocality: locality || undefined,
					addressRegion: province ?? undefined,
					addressCountry: 'VN'
				})
			: undefined;
	const coverage = temporalCoverage(item, locale) ?? undefined;
	const license = item.rights.license || undefined;
	// The record itself (our page) is a creative work with a licence and a period it covers.
	const record = compact({
		'@type': 'CreativeWork',
		url,
		inLanguage: locale,
		license,
		temporalCoverage: coverage
	});
	const base = {
		'@context': 'https://schema.org',
		'@type': type,
		'@id': `${url}#item`,
		url,
		name,
		description: description || undefined,
		image: imageUrl ?? undefined
	};

	if (type === 'LandmarksOrHistoricalBuildings') {
		return compact({ ...base, geo, address, subjectOf: record });
	}
	const place =
		geo || address
			? compact({
					'@type': 'Place',
					name: [locality, province].filter(Boolean).join(', ') || undefined,
					geo,
					address
				})
			: undefined;
	if (type === 'Event') {
		const { startYear, endYear } = item.time;
		return compact({
			...base,
			location: place,
			startDate: startYear !== null && startYear > 0 ? isoYear(startYear) : undefined,
			endDate: endYear !== null && endYear > 0 ? isoYear(endYear) : undefined,
			subjectOf: record
		});
	}
	return compact({
		...base,
		inLanguage: locale,
		license,
		temporalCoverage: coverage,
		contentLocation: place
	});
}

function compact<T extends Record<string, unknown>>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * JSON for an inline `<script type="application/ld+json">`: `<`, `>` and `&` become `\u003c`
 * etc., so no text in a record (`</script>`, `<!--`) can end the script or open a comment, and
 * U+2028/2029 cannot break older parsers. The result is still valid JSON with the same value.
 */
export function serializeJsonLd(value: unknown): string {
	return JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/>/g, '\\u003e')
		.replace(/&/g, '\\u0026')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** The whole script element, for `{@html}` in `<svelte:head>` (a .svelte file cannot spell it). */
export function jsonLdScript(value: unknown): string {
	return `<script type="application/ld+json">${serializeJsonLd(value)}</` + `script>`;
}
