/** ItemRepository on SQLite. Reads run directly; writes go through the executor (atomic). */
import type {
	AccessScope,
	BBox,
	Item,
	ItemFacets,
	ItemFilter,
	ItemPatch,
	ItemSummary,
	LangTag,
	LngLat,
	NewItem,
	Page
} from '$lib/domain/types';
import { NotFoundError } from '$lib/server/errors';
import type { FacetSourceRow, ItemRepository } from '$lib/server/db/ports';
import { ItemFacetsReader } from './item-facets';
import { FULL_SCOPE, ItemReader } from './item-read';
import { asNewItem } from './item.mapper';
import { ItemSearch } from './item-search';
import { ItemSpatial } from './item-spatial';
import { and, checkOffset, clampLimit, filterWhere, scopeWhere } from './item-sql';
import { ItemImporter } from './item-import';
import { ItemWriter } from './item-write';
import { isoNow, type Executor, type SqliteContext } from './sqlite-context';

export class SqliteItemRepository implements ItemRepository {
	private readonly writer: ItemWriter;
	private readonly reader: ItemReader;
	private readonly spatial: ItemSpatial;
	private readonly searcher: ItemSearch;

	constructor(
		private readonly ctx: SqliteContext,
		private readonly exec: Executor
	) {
		this.writer = new ItemWriter(ctx);
		this.reader = new ItemReader(ctx);
		this.spatial = new ItemSpatial(ctx);
		this.searcher = new ItemSearch(ctx);
	}

	/** Every item write goes through here: atomic, and it forgets cached counts. */
	private write<T>(fn: () => T): Promise<T> {
		return this.exec.write(() => {
			this.ctx.counts.clear();
			return fn();
		});
	}

	async create(input: NewItem): Promise<Item> {
		// The search index is written after fn returns; reading the item back does not need it.
		return this.write(() =>
			this.writer.indexed(() => {
				this.writer.assertTermsExist([input]);
				const [id] = this.writer.insertMany([input], isoNow());
				return this.reader.one('id', id, FULL_SCOPE)!;
			})
		);
	}

	async createMany(inputs: NewItem[]): Promise<number[]> {
		if (inputs.length === 0) return [];
		return this.write(() =>
			this.writer.indexed(() => {
				this.writer.assertTermsExist(inputs);
				return this.writer.insertMany(inputs, isoNow());
			})
		);
	}

	/** Added for bulk imports: see item-import.ts. */
	async importMany(
		batches: AsyncIterable<NewItem[]> | Iterable<NewItem[]>,
		onProgress?: (done: number) => void
	): Promise<number> {
		return this.exec.writeAsync(
			async () => {
				this.ctx.counts.clear();
				try {
					return await new ItemImporter(this.ctx, this.writer).run(batches, onProgress);
				} finally {
					this.ctx.counts.clear();
				}
			},
			{ bulk: true }
		);
	}

	async update(id: number, patch: ItemPatch): Promise<Item> {
		return this.write(() =>
			this.writer.indexed(() => {
				const current = this.reader.one('id', id, FULL_SCOPE);
				if (!current)
					throw new NotFoundError(`Item ${id} does not exist; it may have been deleted.`);
				const next: NewItem = { ...asNewItem(current), ...patch };
				this.writer.assertTermsExist([next]);
				this.writer.updateRow(id, next, isoNow(current.updatedAt));
				if (patch.title || patch.summary || patch.body) this.writer.writeTexts(id, next, true);
				if (patch.ethnicGroups) this.writer.writeTerms(id, 'ethnic_group', next.ethnicGroups, true);
				if (patch.subjects) this.writer.writeTerms(id, 'subject', next.subjects, true);
				if (patch.communityGroups) this.writer.writeGroups(id, next.communityGroups, true);
				return this.reader.one('id', id, FULL_SCOPE)!;
			})
		);
	}

	async delete(id: number): Promise<boolean> {
		return this.write(() => {
			// The cascade removes item_texts; their search entries must go first.
			this.writer.unindexTexts(id);
			return this.ctx.stmt('DELETE FROM items WHERE id = ?').run(id).changes > 0;
		});
	}

	async getById(id: number, scope: AccessScope): Promise<Item | null> {
		return this.reader.one('id', id, scope);
	}

	async getBySlug(slug: string, scope: AccessScope): Promise<Item | null> {
		return this.reader.one('slug', slug, scope);
	}

	async list(
		scope: AccessScope,
		page: { limit: number; offset: number },
		filter?: ItemFilter
	): Promise<Page<ItemSummary>> {
		const limit = clampLimit(page.limit);
		const offset = checkOffset(page.offset);
		const where = and(scopeWhere(scope), filterWhere(filter, scope));
		const ids = this.ctx
			.stmt<{ id: number }>(
				`SELECT i.id FROM items i WHERE ${where.sql} ORDER BY i.id DESC LIMIT ? OFFSET ?`
			)
			.all(...where.params, limit, offset)
			.map((r) => r.id);
		const total = this.countWhere(scope, filter);
		return { items: this.reader.summaries(ids), total, limit, offset };
	}

	async findInBBox(
		bbox: BBox,
		scope: AccessScope,
		opts: { limit: number; filter?: ItemFilter }
	): Promise<ItemSummary[]> {
		const ids = this.spatial.idsInBBox(bbox, scope, clampLimit(opts.limit), opts.filter);
		return this.reader.summaries(ids);
	}

	async nearest(
		point: LngLat,
		scope: AccessScope,
		opts: { limit: number; maxMeters?: number; filter?: ItemFilter }
	): Promise<Array<ItemSummary & { meters: number }>> {
		const hits = this.spatial.nearest(
			point,
			scope,
			clampLimit(opts.limit),
			opts.maxMeters,
			opts.filter
		);
		const meters = new Map(hits.map((h) => [h.id, h.meters]));
		return this.reader
			.summaries(hits.map((h) => h.id))
			.map((s) => ({ ...s, meters: meters.get(s.id)! }));
	}

	async search(
		query: string,
		scope: AccessScope,
		opts: { limit: number; offset?: number; lang?: LangTag; bbox?: BBox; filter?: ItemFilter }
	): Promise<Array<ItemSummary & { score: number }>> {
		const limit = clampLimit(opts.limit);
		const offset = checkOffset(opts.offset);
		const ranked = this.searcher
			.rank(query, scope, opts, offset + limit)
			.slice(offset, offset + limit);
		const scores = new Map(ranked.map((r) => [r.id, r.score]));
		return this.reader
			.summaries(ranked.map((r) => r.id))
			.map((s) => ({ ...s, score: scores.get(s.id)! }));
	}

	async count(scope: AccessScope): Promise<number> {
		return this.countWhere(scope, undefined);
	}

	/** Added for the map: see item-facets.ts. */
	async facets(
		scope: AccessScope,
		opts: { bbox?: BBox; q?: string; filter?: ItemFilter }
	): Promise<ItemFacets> {
		this.facetsReader ??= new ItemFacetsReader(this.ctx);
		return this.facetsReader.facets(scope, opts);
	}
	private facetsReader?: ItemFacetsReader;

	async facetRows(
		scope: AccessScope,
		page: { afterId: number; limit: number }
	): Promise<FacetSourceRow[]> {
		this.facetsReader ??= new ItemFacetsReader(this.ctx);
		return this.facetsReader.rows(scope, page.afterId, page.limit);
	}

	private countWhere(scope: AccessScope, filter: ItemFilter | undefined): number {
		return this.ctx.counts.get(JSON.stringify([scope, filter ?? null]), () => {
			const where = and(scopeWhere(scope, true), filterWhere(filter, scope));
			return this.ctx
				.stmt<{ n: number }>(`SELECT count(*) AS n FROM items i WHERE ${where.sql}`)
				.get(...where.params)!.n;
		});
	}
}
