/**
 * Validation of tile requests at the HTTP edge: `/tiles/items/{z}/{x}/{y}.mvt` and its filter
 * parameters. The filters reuse the item list's (same names, same messages); the ranges of z/x/y
 * are checked by the tile service, which knows the zoom.
 */
import { z } from 'zod';
import type { ItemFilter } from '../domain/types';
import { filterFromQuery, filterQueryShape, parseQuery } from './item.schema';

export { MAX_YEAR, MIN_YEAR } from './item.schema';

/** Longer query strings are refused before parsing (no filter needs this much). */
export const MAX_TILE_QUERY_LENGTH = 1_000;

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

/** The same filters as /api/items (same names, same messages), and from ≤ to. */
export const tileQuerySchema = z.object(filterQueryShape).superRefine((q, ctx) => {
	if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
		ctx.addIssue({
			code: 'custom',
			message: `from (${q.from}) must not be later than to (${q.to}); negative years are BCE`
		});
	}
});

/** The filter of a tile request; an empty or absent parameter means "not given". */
export function parseTileFilter(params: URLSearchParams): ItemFilter {
	return filterFromQuery(parseQuery(tileQuerySchema, Object.keys(tileQuerySchema.shape), params));
}
