/** CollectionRepository on SQLite: curated, ordered item sets, read through the access scope. */
import {
	STATUSES,
	VISIBILITIES,
	type AccessScope,
	type Collection,
	type LocalizedText,
	type Status,
	type Visibility
} from '$lib/domain/types';
import { ConflictError, ValidationError } from '$lib/server/errors';
import { MAX_LIMIT, type CollectionRepository, type CollectionSummary } from '$lib/server/db/ports';
import { literalList, scopeWhere } from './item-sql';
import { isoNow, type Executor, type SqliteContext } from './sqlite-context';
import { isUniqueViolation } from './sqlite-errors';

interface CollectionRow {
	id: number;
	slug: string;
	title: string;
	description: string;
	status: string;
	visibility: string;
}

/** The collection fields of a row (without its items). */
function collectionFromRow(row: CollectionRow): Omit<Collection, 'itemIds'> {
	return {
		id: row.id,
		slug: row.slug,
		title: JSON.parse(row.title) as LocalizedText,
		description: JSON.parse(row.description) as LocalizedText,
		status: row.status as Status,
		visibility: row.visibility as Visibility
	};
}

export class SqliteCollectionRepository implements CollectionRepository {
	constructor(
		private readonly ctx: SqliteContext,
		private readonly exec: Executor
	) {}

	async create(input: Omit<Collection, 'id'>): Promise<Collection> {
		const repeated = input.itemIds.find((id, i) => input.itemIds.indexOf(id) !== i);
		if (repeated !== undefined) {
			throw new ValidationError(`Item ${repeated} appears twice in the collection; list it once.`);
		}
		return this.exec.write(() => {
			const known = new Set(
				this.ctx
					.stmt<{ id: number }>('SELECT id FROM items WHERE id IN (SELECT value FROM json_each(?))')
					.all(JSON.stringify(input.itemIds))
					.map((r) => r.id)
			);
			const missing = input.itemIds.filter((id) => !known.has(id));
			if (missing.length) {
				throw new ValidationError(
					`The collection lists items that do not exist: ${missing.join(', ')}. Remove them or create the items first.`
				);
			}
			const now = isoNow();
			let id: number;
			try {
				id = Number(
					this.ctx
						.stmt(
							`INSERT INTO collections (slug, title, description, status, visibility, created_at, updated_at)
							VALUES (?, ?, ?, ?, ?, ?, ?)`
						)
						.run(
							input.slug,
							JSON.stringify(input.title),
							JSON.stringify(input.description),
							input.status,
							input.visibility,
							now,
							now
						).lastInsertRowid
				);
			} catch (e) {
				if (isUniqueViolation(e, 'collections.slug')) {
					throw new ConflictError(
						`A collection with the slug "${input.slug}" already exists. Choose another slug.`
					);
				}
				throw e;
			}
			const link = this.ctx.stmt(
				'INSERT INTO collection_items (collection_id, item_id, position) VALUES (?, ?, ?)'
			);
			input.itemIds.forEach((itemId, position) => link.run(id, itemId, position));
			// Cached counts may be for a `collection` filter naming this slug.
			this.ctx.counts.clear();
			return { ...input, id, itemIds: [...input.itemIds] };
		});
	}

	/**
	 * A collection is readable when its status and visibility are in the scope (collections have
	 * no community groups of their own); it lists only the items the scope may read.
	 */
	async getBySlug(slug: string, scope: AccessScope): Promise<Collection | null> {
		const row = this.ctx
			.stmt<CollectionRow>(
				'SELECT id, slug, title, description, status, visibility FROM collections WHERE slug = ?'
			)
			.get(slug);
		if (
			!row ||
			!scope.statuses.includes(row.status as Status) ||
			!scope.visibilities.includes(row.visibility as Visibility)
		) {
			return null;
		}
		const where = scopeWhere(scope);
		const itemIds = this.ctx
			.stmt<{ id: number }>(
				`SELECT i.id FROM collection_items c JOIN items i ON i.id = c.item_id
				WHERE c.collection_id = ? AND ${where.sql} ORDER BY c.position`
			)
			.all(row.id, ...where.params)
			.map((r) => r.id);
		return { ...collectionFromRow(row), itemIds };
	}

	async deleteBySlug(slug: string): Promise<boolean> {
		return this.exec.write(() => {
			const changes = this.ctx.stmt('DELETE FROM collections WHERE slug = ?').run(slug).changes;
			this.ctx.counts.clear();
			return changes > 0;
		});
	}

	async list(scope: AccessScope): Promise<CollectionSummary[]> {
		if (scope.statuses.length === 0 || scope.visibilities.length === 0) return [];
		const where = scopeWhere(scope);
		const rows = this.ctx
			.stmt<CollectionRow & { item_count: number }>(
				`SELECT c.id, c.slug, c.title, c.description, c.status, c.visibility,
					(SELECT count(*) FROM collection_items ci JOIN items i ON i.id = ci.item_id
						WHERE ci.collection_id = c.id AND ${where.sql}) AS item_count
				FROM collections c
				WHERE c.status IN (${literalList(scope.statuses, STATUSES, 'status')})
					AND c.visibility IN (${literalList(scope.visibilities, VISIBILITIES, 'visibility')})
				ORDER BY c.id LIMIT ?`
			)
			.all(...where.params, MAX_LIMIT);
		return rows.map((row) => ({ ...collectionFromRow(row), itemCount: row.item_count }));
	}
}
