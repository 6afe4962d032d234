/**
 * ItemRepository on PostGIS: create/read/update/delete and plain lists here; spatial reads in
 * item-spatial.queries.ts, search in item-search.queries.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
	AccessScope,
	Item,
	ItemFilter,
	ItemPatch,
	ItemSummary,
	NewItem,
	Page
} from '$lib/domain/types';
import type { ItemRepository } from '$lib/server/db/ports';
import { NotFoundError, ValidationError } from '$lib/server/errors';
import type { Db, PgContext } from './pg-context';
import { driverError, mapPgError } from './pg-errors';
import { itemFromRow, itemWrite, toNewItem, type ItemRow } from './item-mapping';
import { clampLimit, clampOffset, filterSql, itemColumns, scopeSql } from './item-sql';
import { summariesFor } from './item-summaries';
import {
	assertTermsExist,
	deleteLinks,
	insertGroups,
	insertItems,
	insertTerms,
	insertTexts
} from './item-write';
import { findInBBox, nearest } from './item-spatial.queries';
import { searchItems } from './item-search.queries';
import { facetRows, itemFacets } from './item-facets.queries';

const STAFF_VIEW: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

/** Errors from bad input become domain errors; ST_GeomFromGeoJSON reports bad shapes as XX000. */
function itemError(error: unknown): unknown {
	const e = driverError(error);
	if (
		e instanceof Error &&
		(e as { code?: string }).code === 'XX000' &&
		/geojson/i.test(e.message)
	) {
		return new ValidationError(`The location geometry is not valid GeoJSON: ${e.message}`);
	}
	return mapPgError(error, 'item');
}

async function readItem(db: Db, where: SQL, scope: AccessScope): Promise<Item | null> {
	const result = await db.execute<ItemRow>(
		sql`select ${itemColumns} from items i where ${where} and ${scopeSql(scope)}`
	);
	const row = result.rows[0];
	return row ? itemFromRow(row, scope) : null;
}

/** A patch without keys whose value is undefined (they mean "leave as is"). */
function definedKeys(patch: ItemPatch): ItemPatch {
	return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

export function createItemRepository(ctx: PgContext): ItemRepository {
	const now = () => new Date().toISOString();

	return {
		async create(input: NewItem): Promise<Item> {
			try {
				return await ctx.atomic(async (db) => {
					await assertTermsExist(db, [input]);
					const [id] = await insertItems(db, [input], now());
					return (await readItem(db, sql`i.id = ${id}`, STAFF_VIEW)) as Item;
				});
			} catch (e) {
				throw itemError(e);
			}
		},

		async createMany(inputs: NewItem[]): Promise<number[]> {
			if (inputs.length === 0) return [];
			try {
				return await ctx.atomic(async (db) => {
					await assertTermsExist(db, inputs);
					return insertItems(db, inputs, now());
				});
			} catch (e) {
				throw itemError(e);
			}
		},

		/**
		 * Added for bulk imports: the batches, one after another, in one transaction (a failure in
		 * any of them rolls back all). The GiST/GIN indexes are kept up to date as rows arrive.
		 */
		async importMany(
			batches: AsyncIterable<NewItem[]> | Iterable<NewItem[]>,
			onProgress?: (done: number) => void
		): Promise<number> {
			try {
				return await ctx.atomic(async (db) => {
					let done = 0;
					for await (const batch of batches) {
						if (batch.length === 0) continue;
						await assertTermsExist(db, batch);
						done += (await insertItems(db, batch, now())).length;
						onProgress?.(done);
					}
					return done;
				});
			} catch (e) {
				throw itemError(e);
			}
		},

		async update(id: number, rawPatch: ItemPatch): Promise<Item> {
			const patch = definedKeys(rawPatch);
			try {
				return await ctx.atomic(async (db) => {
					// Lock the row so concurrent patches apply one after the other, not over each other.
					const locked = await db.execute(sql`select id from items where id = ${id} for update`);
					if (locked.rows.length === 0) throw new NotFoundError(`Item ${id} does not exist.`);
					const current = (await readItem(db, sql`i.id = ${id}`, STAFF_VIEW)) as Item;
					const next: NewItem = { ...toNewItem(current), ...patch };
					await assertTermsExist(db, [next]);
					const w = itemWrite(next);
					await db.execute(sql`
						update items set slug = ${w.slug}, kind = ${w.kind}, status = ${w.status},
							visibility = ${w.visibility}, lng = ${w.lng}, lat = ${w.lat},
							public_lng = ${w.publicLng}, public_lat = ${w.publicLat},
							geometry = ${w.geometry}::jsonb, precision = ${w.precision},
							province = ${w.province}, district = ${w.district}, commune = ${w.commune},
							start_year = ${w.startYear}, end_year = ${w.endYear},
							time_label = ${w.timeLabel}::jsonb, rights = ${w.rights}::jsonb, dc = ${w.dc}::jsonb,
							summary_doc = ${w.summaryDoc}, updated_at = ${now()},
							geom = ST_SetSRID(ST_MakePoint(${w.lng}::float8, ${w.lat}::float8), 4326),
							public_geom = ST_SetSRID(ST_MakePoint(${w.publicLng}::float8, ${w.publicLat}::float8), 4326),
							footprint = ST_SetSRID(ST_GeomFromGeoJSON(${w.geometry}::text), 4326)
						where id = ${id}`);
					if ('title' in patch || 'summary' in patch || 'body' in patch) {
						await deleteLinks(db, 'item_texts', id);
						await insertTexts(db, [next], [id]);
					}
					if ('ethnicGroups' in patch || 'subjects' in patch) {
						await deleteLinks(db, 'item_terms', id);
						await insertTerms(db, [next], [id]);
					}
					if ('communityGroups' in patch) {
						await deleteLinks(db, 'item_groups', id);
						await insertGroups(db, [next], [id]);
					}
					return (await readItem(db, sql`i.id = ${id}`, STAFF_VIEW)) as Item;
				});
			} catch (e) {
				throw itemError(e);
			}
		},

		async delete(id: number): Promise<boolean> {
			const result = await ctx.db.execute(sql`delete from items where id = ${id} returning id`);
			return result.rows.length > 0;
		},

		getById: (id, scope) => readItem(ctx.db, sql`i.id = ${id}`, scope),
		getBySlug: (slug, scope) => readItem(ctx.db, sql`i.slug = ${slug}`, scope),

		async list(
			scope: AccessScope,
			page: { limit: number; offset: number },
			filter?: ItemFilter
		): Promise<Page<ItemSummary>> {
			const limit = clampLimit(page.limit);
			const offset = clampOffset(page.offset);
			const where = sql`${scopeSql(scope)} and ${filterSql(filter, scope)}`;
			const [items, total] = await Promise.all([
				summariesFor(
					ctx.db,
					sql`select i.id from items i where ${where} order by i.id desc limit ${limit} offset ${offset}`,
					sql`sel.id desc`
				),
				ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from items i where ${where}`)
			]);
			return { items, total: total.rows[0].n, limit, offset };
		},

		findInBBox: (bbox, scope, opts) => findInBBox(ctx.db, bbox, scope, opts),
		nearest: (point, scope, opts) => nearest(ctx.db, point, scope, opts),
		search: (query, scope, opts) => searchItems(ctx.db, query, scope, opts),
		facets: (scope, opts) => itemFacets(ctx.db, scope, opts),
		facetRows: (scope, page) => facetRows(ctx.db, scope, page),

		async count(scope: AccessScope): Promise<number> {
			const result = await ctx.db.execute<{ n: number }>(
				sql`select count(*)::int as n from items i where ${scopeSql(scope)}`
			);
			return result.rows[0].n;
		}
	};
}
