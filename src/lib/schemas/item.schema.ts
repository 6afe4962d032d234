/**
 * Validation at the HTTP edge. Every message names the parameter and says what would be accepted,
 * so a librarian (or a script author) can fix the request without reading code.
 */
import { z } from 'zod';
import {
	ITEM_KINDS,
	type BBox,
	type ItemFilter,
	type ItemKind,
	type LngLat
} from '../domain/types';
import { parseBBox } from '../geo/bbox';
import { isLocale, LOCALES, type Locale } from '../i18n/locales';
import { MAX_QUERY_LENGTH } from '../text/fold';

/** Ids are int4 in both dialects. */
export const MAX_ID = 2 ** 31 - 1;
export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 24;

/** Echo at most this much of a bad value back, so an error never reflects a huge input. */
const shown = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

function wholeNumber(name: string, min: number, max: number) {
	return z.string().transform((text, ctx) => {
		const value = /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : NaN;
		if (!(value >= min && value <= max)) {
			ctx.addIssue({
				code: 'custom',
				message: `${name} must be a whole number from ${min} to ${max}; got ${shown(text)}`
			});
			return z.NEVER;
		}
		return value;
	});
}

export const itemIdSchema = wholeNumber('Item id', 1, MAX_ID);
export const mediaIdSchema = wholeNumber('Media id', 1, MAX_ID);

export const langSchema = z.string().transform((text, ctx): Locale => {
	if (!isLocale(text)) {
		ctx.addIssue({
			code: 'custom',
			message: `Unsupported language '${String(text).slice(0, 20)}': use ${LOCALES.join(' or ')}`
		});
		return z.NEVER;
	}
	return text;
});

const bboxSchema = z.string().transform((text, ctx): BBox => {
	const parsed = parseBBox(text);
	if (typeof parsed === 'string') {
		ctx.addIssue({ code: 'custom', message: `${parsed}; got ${shown(text)}` });
		return z.NEVER;
	}
	return parsed;
});

/** A comma-separated list of codes, e.g. `kind=site,practice`. */
function codeList<T extends string>(name: string, allowed?: readonly T[]) {
	return z.string().transform((text, ctx): T[] => {
		const codes = [
			...new Set(
				text
					.split(',')
					.map((c) => c.trim())
					.filter((c) => c !== '')
			)
		];
		if (codes.length === 0 || codes.length > 20) {
			ctx.addIssue({
				code: 'custom',
				message: `${name} must list 1 to 20 codes separated by commas`
			});
			return z.NEVER;
		}
		for (const code of codes) {
			const ok = allowed ? allowed.includes(code as T) : /^[a-z0-9][a-z0-9_-]{0,39}$/.test(code);
			if (!ok) {
				const hint = allowed
					? `use one of ${allowed.join(', ')}`
					: 'use lower-case codes such as bahnar';
				ctx.addIssue({ code: 'custom', message: `Unknown ${name} ${shown(code)}: ${hint}` });
				return z.NEVER;
			}
		}
		return codes as T[];
	});
}

export const MIN_YEAR = -10_000;
export const MAX_YEAR = 3_000;

/** A year such as `1802` or `-500` (BCE). */
export function yearSchema(name: string) {
	return z.string().transform((text, ctx) => {
		const value = /^-?\d{1,5}$/.test(text.trim()) ? Number(text.trim()) : NaN;
		if (!(value >= MIN_YEAR && value <= MAX_YEAR)) {
			ctx.addIssue({
				code: 'custom',
				message: `${name} must be a whole year from ${MIN_YEAR} to ${MAX_YEAR} (negative = BCE); got ${shown(text)}`
			});
			return z.NEVER;
		}
		return value;
	});
}

/** A content language (BCP-47 such as `bdq`, `vi`, `zh-Hant`); the primary subtag lower-cased. */
export const textLangSchema = z.string().transform((text, ctx) => {
	const tag = text.trim();
	if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/.test(tag)) {
		ctx.addIssue({
			code: 'custom',
			message: `textLang must be a language tag such as bdq (Bahnar), sed (Sedang) or vi; got ${shown(text)}`
		});
		return z.NEVER;
	}
	const [primary, ...rest] = tag.split('-');
	return [primary.toLowerCase(), ...rest].join('-');
});

/** A collection slug; an unknown one is not an error (it matches nothing). */
export const collectionSlugSchema = z
	.string()
	.trim()
	.regex(
		/^[a-z0-9]+(-[a-z0-9]+)*$/,
		'collection must be a collection slug: lower-case letters, digits and hyphens, such as di-san-cham'
	)
	.max(100, 'collection must be at most 100 characters');

/** The search text: at most MAX_QUERY_LENGTH characters, trimmed. */
export const searchTextSchema = z
	.string()
	.max(MAX_QUERY_LENGTH, `q (the search text) must be at most ${MAX_QUERY_LENGTH} characters`)
	.transform((q) => q.trim());

/**
 * The map's filters, with the same names on /api/items, /api/items/facets, /api/items/suggest,
 * the item tiles and the /map page URL.
 */
export const filterQueryShape = {
	kind: codeList<ItemKind>('kind', ITEM_KINDS).optional(),
	ethnicGroup: codeList<string>('ethnicGroup').optional(),
	province: z.string().trim().min(1).max(100, 'province must be at most 100 characters').optional(),
	from: yearSchema('from').optional(),
	to: yearSchema('to').optional(),
	textLang: textLangSchema.optional(),
	collection: collectionSlugSchema.optional()
};

type FilterQuery = {
	[K in keyof typeof filterQueryShape]: z.output<(typeof filterQueryShape)[K]>;
};

/** `from` after `to` is a mistake to report, not an empty result. */
function yearsInOrder(query: { from?: number; to?: number }, ctx: z.RefinementCtx) {
	if (query.from !== undefined && query.to !== undefined && query.from > query.to) {
		ctx.addIssue({
			code: 'custom',
			message: `from (${query.from}) must not be later than to (${query.to}); negative years are BCE`
		});
	}
}

/** `near=lng,lat`: a point to sort by distance from. */
export const nearSchema = z.string().transform((text, ctx): LngLat => {
	const parts = text.split(',').map((p) => p.trim());
	const nums = parts.map((p) => (/^-?\d+(\.\d+)?$/.test(p) ? Number(p) : NaN));
	if (nums.length !== 2 || nums.some((n) => !Number.isFinite(n))) {
		ctx.addIssue({
			code: 'custom',
			message: `near must be two numbers "longitude,latitude" such as 108.0,14.35; got ${shown(text)}`
		});
		return z.NEVER;
	}
	const [lng, lat] = nums;
	if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
		ctx.addIssue({
			code: 'custom',
			message: `near must be longitude -180..180 then latitude -90..90; got ${shown(text)}`
		});
		return z.NEVER;
	}
	return [lng, lat];
});

export const MAX_NEAR_KM = 20_000;

const maxKmSchema = z.string().transform((text, ctx) => {
	const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : NaN;
	if (!(value > 0 && value <= MAX_NEAR_KM)) {
		ctx.addIssue({
			code: 'custom',
			message: `maxKm must be a distance in kilometres above 0 and at most ${MAX_NEAR_KM}; got ${shown(text)}`
		});
		return z.NEVER;
	}
	return value;
});

export const itemListQuerySchema = z
	.object({
		page: wholeNumber('page', 1, MAX_PAGE).default(1),
		pageSize: wholeNumber('pageSize', 1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
		lang: langSchema.optional(),
		bbox: bboxSchema.optional(),
		q: searchTextSchema.optional(),
		...filterQueryShape,
		near: nearSchema.optional(),
		maxKm: maxKmSchema.optional(),
		/** With `near`: how many nearest items (defaults to pageSize). */
		limit: wholeNumber('limit', 1, MAX_PAGE_SIZE).optional()
	})
	.superRefine((query, ctx) => {
		yearsInOrder(query, ctx);
		if (query.near && (query.bbox || query.q)) {
			ctx.addIssue({
				code: 'custom',
				message: 'near cannot be combined with bbox or q: ask for the nearest items, or search'
			});
		}
		if (!query.near && (query.maxKm !== undefined || query.limit !== undefined)) {
			ctx.addIssue({
				code: 'custom',
				message: 'maxKm and limit go with near=longitude,latitude; use page and pageSize otherwise'
			});
		}
	});

export type ItemListQuery = z.output<typeof itemListQuerySchema>;

/** Only `?page=` (the home page's list). */
export const pageQuerySchema = z.object({ page: wholeNumber('page', 1, MAX_PAGE).default(1) });

/** Reads the query string against a schema: an empty or absent parameter means "not given". */
export function parseQuery<S extends z.ZodType>(
	schema: S,
	keys: readonly string[],
	params: URLSearchParams
): z.output<S> {
	const raw: Record<string, string> = {};
	for (const key of keys) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	return schema.parse(raw);
}

/** Reads the query string: an empty or absent parameter means "not given". */
export function parseItemListQuery(params: URLSearchParams): ItemListQuery {
	return parseQuery(itemListQuerySchema, Object.keys(itemListQuerySchema.shape), params);
}

export function filterFromQuery(query: Partial<FilterQuery>): ItemFilter {
	const filter: ItemFilter = {};
	if (query.kind) filter.kinds = query.kind;
	if (query.ethnicGroup) filter.ethnicGroups = query.ethnicGroup;
	if (query.province) filter.province = query.province;
	if (query.from !== undefined) filter.fromYear = query.from;
	if (query.to !== undefined) filter.toYear = query.to;
	if (query.textLang) filter.textLang = query.textLang;
	if (query.collection) filter.collection = query.collection;
	return filter;
}

/** GET /api/items/facets: the filters, search text, box and response language. */
export const facetsQuerySchema = z
	.object({
		lang: langSchema.optional(),
		bbox: bboxSchema.optional(),
		q: searchTextSchema.optional(),
		...filterQueryShape
	})
	.superRefine(yearsInOrder);

export type FacetsQuery = z.output<typeof facetsQuerySchema>;

export function parseFacetsQuery(params: URLSearchParams): FacetsQuery {
	return parseQuery(facetsQuerySchema, Object.keys(facetsQuerySchema.shape), params);
}

export const DEFAULT_SUGGESTIONS = 8;
export const MAX_SUGGESTIONS = 20;

/** GET /api/items/suggest: what the search box shows while typing. */
export const suggestQuerySchema = z
	.object({
		q: searchTextSchema.optional(),
		lang: langSchema.optional(),
		limit: wholeNumber('limit', 1, MAX_SUGGESTIONS).default(DEFAULT_SUGGESTIONS),
		bbox: bboxSchema.optional(),
		...filterQueryShape
	})
	.superRefine(yearsInOrder);

export type SuggestQuery = z.output<typeof suggestQuerySchema>;

export function parseSuggestQuery(params: URLSearchParams): SuggestQuery {
	return parseQuery(suggestQuerySchema, Object.keys(suggestQuerySchema.shape), params);
}

/** GET /api/collections. */
export const collectionsQuerySchema = z.object({ lang: langSchema.optional() });

export function parseCollectionsQuery(params: URLSearchParams) {
	return parseQuery(collectionsQuerySchema, ['lang'], params);
}
