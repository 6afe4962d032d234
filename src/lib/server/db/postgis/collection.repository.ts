/**
 * CollectionRepository on PostGIS. A collection is read under the same status/visibility rule as
 * items, and lists only the member items the scope may read, in collection order.
 */
import { sql } from 'drizzle-orm';
import type { AccessScope, Collection } from '$lib/domain/types';
import { MAX_LIMIT, type CollectionRepository, type CollectionSummary } from '$lib/server/db/ports';
import { ValidationError } from '$lib/server/errors';
import type { PgContext } from './pg-context';
import { mapPgError } from './pg-errors';
import { scopeSql, textArray } from './item-sql';

interface CollectionRow extends Record<string, unknown> {
	id: number;
	slug: string;
	title: Collection['title'];
	description: Collection['description'];
	status: Collection['status'];
	visibility: Collection['visibility'];
}

/** The collection fields of a row (without its items). */
const collectionFromRow = (c: CollectionRow): Omit<Collection, 'itemIds'> => ({
	id: c.id,
	slug: c.slug,
	title: c.title,
	description: c.description,
	status: c.status,
	visibility: c.visibility
});

/** Collections carry no community groups: status and visibility decide. */
const collectionScope = (scope: AccessScope) =>
	sql`c.status = any(${textArray(scope.statuses)}) and c.visibility = any(${textArray(scope.visibilities)})`;

export function createCollectionRepository(ctx: PgContext): CollectionRepository {
	return {
		async create(input: Omit<Collection, 'id'>): Promise<Collection> {
			if (new Set(input.itemIds).size !== input.itemIds.length) {
				throw new ValidationError('A collection lists each item once; remove the repeated items.');
			}
			try {
				return await ctx.atomic(async (db) => {
					const now = new Date().toISOString();
					const result = await db.execute<{ id: number }>(sql`
						insert into collections (slug, title, description, status, visibility, created_at, updated_at)
						values (${input.slug}, ${JSON.stringify(input.title)}::jsonb,
							${JSON.stringify(input.description)}::jsonb, ${input.status}, ${input.visibility}, ${now}, ${now})
						returning id`);
					const id = result.rows[0].id;
					if (input.itemIds.length > 0) {
						await db.execute(sql`
							insert into collection_items (collection_id, item_id, position)
							select ${id}, u.item_id, u.ord - 1
							from unnest(${sql.param(input.itemIds)}::int[]) with ordinality as u(item_id, ord)`);
					}
					return { ...input, id, itemIds: [...input.itemIds] };
				});
			} catch (e) {
				throw mapPgError(e, 'collection');
			}
		},

		async getBySlug(slug: string, scope: AccessScope): Promise<Collection | null> {
			const found = await ctx.db.execute<CollectionRow>(sql`
				select c.id, c.slug, c.title, c.description, c.status, c.visibility
				from collections c where c.slug = ${slug} and ${collectionScope(scope)}`);
			const c = found.rows[0];
			if (!c) return null;
			const members = await ctx.db.execute<{ id: number }>(sql`
				select i.id from collection_items ci join items i on i.id = ci.item_id
				where ci.collection_id = ${c.id} and ${scopeSql(scope)}
				order by ci.position, ci.item_id`);
			return { ...collectionFromRow(c), itemIds: members.rows.map((r) => r.id) };
		},

		async deleteBySlug(slug: string): Promise<boolean> {
			const result = await ctx.db.execute(
				sql`delete from collections where slug = ${slug} returning id`
			);
			return result.rows.length > 0;
		},

		async list(scope: AccessScope): Promise<CollectionSummary[]> {
			const found = await ctx.db.execute<CollectionRow & { item_count: number }>(sql`
				select c.id, c.slug, c.title, c.description, c.status, c.visibility,
					(select count(*)::int from collection_items ci join items i on i.id = ci.item_id
						where ci.collection_id = c.id and ${scopeSql(scope)}) as item_count
				from collections c where ${collectionScope(scope)}
				order by c.id limit ${MAX_LIMIT}`);
			return found.rows.map((c) => ({ ...collectionFromRow(c), itemCount: c.item_count }));
		}
	};
}
