/**
 * Validation at the HTTP edge. Every message names the parameter and says what would be accepted,
 * so a librarian (or a script author) can fix the request without reading code.
 */
import { z } from 'zod';
import { ITEM_KINDS, type BBox, type ItemFilter, type ItemKind } from '../domain/types';
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

export const itemListQuerySchema = z.object({
	page: wholeNumber('page', 1, MAX_PAGE).default(1),
	pageSize: wholeNumber('pageSize', 1, MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
	lang: langSchema.optional(),
	bbox: bboxSchema.optional(),
	q: z
		.string()
		.max(MAX_QUERY_LENGTH, `q (the search text) must be at most ${MAX_QUERY_LENGTH} characters`)
		.transform((q) => q.trim())
		.optional(),
	kind: codeList<ItemKind>('kind', ITEM_KINDS).optional(),
	ethnicGroup: codeList<string>('ethnicGroup').optional(),
	province: z.string().trim().min(1).max(100, 'province must be at most 100 characters').optional()
});

export type ItemListQuery = z.output<typeof itemListQuerySchema>;

/** Reads the query string: an empty or absent parameter means "not given". */
export function parseItemListQuery(params: URLSearchParams): ItemListQuery {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(itemListQuerySchema.shape)) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	return itemListQuerySchema.parse(raw);
}

export function filterFromQuery(query: ItemListQuery): ItemFilter {
	const filter: ItemFilter = {};
	if (query.kind) filter.kinds = query.kind;
	if (query.ethnicGroup) filter.ethnicGroups = query.ethnicGroup;
	if (query.province) filter.province = query.province;
	return filter;
}
