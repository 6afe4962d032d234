/**
 * Validation of tile requests at the HTTP edge: `/tiles/items/{z}/{x}/{y}.mvt` and its filter
 * parameters. The filters reuse the item list's (same names, same messages); the ranges of z/x/y
 * are checked by the tile service, which knows the zoom.
 */
import { z } from 'zod';
import type { ItemFilter } from '../domain/types';
import { itemListQuerySchema } from './item.schema';

/** Longer query strings are refused before parsing (no filter needs this much). */
export const MAX_TILE_QUERY_LENGTH = 1_000;
export const MIN_YEAR = -10_000;
export const MAX_YEAR = 3_000;

const shown = (value: unknown) => JSON.stringify(String(value).slice(0, 40));

function tileNumber(name: string, suffix = '') {
	return z.string().transform((text, ctx) => {
		const match = new RegExp(`^(\\d{1,8})${suffix.replace('.', '\\.')}$`).exec(text);
		if (!match) {
			ctx.addIssue({
				code: 'custom',
				message: `Tile ${name} must be a whole number${suffix ? ` followed by ${suffix}` : ''}; got ${shown(text)}`
			});
			return z.NEVER;
		}
		return Number(match[1]);
	});
}

export const tilePathSchema = z.object({
	z: tileNumber('zoom'),
	x: tileNumber('x'),
	y: tileNumber('y', '.mvt')
});

function year(name: string) {
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

const { kind, ethnicGroup, province } = itemListQuerySchema.shape;

export const tileQuerySchema = z.object({
	kind,
	ethnicGroup,
	province,
	from: year('from').optional(),
	to: year('to').optional()
});

/** The filter of a tile request; an empty or absent parameter means "not given". */
export function parseTileFilter(params: URLSearchParams): ItemFilter {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(tileQuerySchema.shape)) {
		const value = params.get(key);
		if (value !== null && value !== '') raw[key] = value;
	}
	const q = tileQuerySchema.parse(raw);
	const filter: ItemFilter = {};
	if (q.kind) filter.kinds = q.kind;
	if (q.ethnicGroup) filter.ethnicGroups = q.ethnicGroup;
	if (q.province) filter.province = q.province;
	if (q.from !== undefined) filter.fromYear = q.from;
	if (q.to !== undefined) filter.toYear = q.to;
	return filter;
}
