/**
 * Repository ports: the only way services reach the database. Domain types in, domain types out;
 * both dialects (sqlite/, postgis/) implement these and pass tests/contract.
 *
 * Rules every implementation keeps:
 * - Every list has a defined order and a cap (MAX_LIMIT); ties break on id ascending.
 * - Every read takes an AccessScope and filters in SQL; a row outside it does not exist (null / absent).
 * - Spatial reads use the public point unless scope.exactLocation; items without a point never match.
 * - Writes that fail leave nothing behind.
 */
import type {
	AccessScope,
	BBox,
	Collection,
	Item,
	ItemFacets,
	ItemFilter,
	ItemPatch,
	ItemSummary,
	LangTag,
	LngLat,
	MediaRecord,
	NewItem,
	NewMediaRecord,
	Page,
	VocabularyScheme,
	VocabularyTerm
} from '$lib/domain/types';
import type { TileCoord } from '$lib/geo/tiles';

export const MAX_LIMIT = 500;

export interface ItemRepository {
	/** Throws ConflictError on a duplicate slug, ValidationError on a bad reference. */
	create(input: NewItem): Promise<Item>;
	/** Many rows in one transaction, for seeding and imports; returns ids in input order. */
	createMany(inputs: NewItem[]): Promise<number[]>;
	/**
	 * A bulk import (a CSV/JSON import job, the benchmark load): every batch, read one after
	 * another, in one all-or-nothing unit. Same checks as createMany (ConflictError on a duplicate
	 * slug, ValidationError on a bad reference), but a failure in any batch leaves none of the
	 * batches behind. Other writes wait until it ends. `onProgress` gets the number of records
	 * written so far after each batch. Returns how many items were imported.
	 */
	importMany(
		batches: AsyncIterable<NewItem[]> | Iterable<NewItem[]>,
		onProgress?: (done: number) => void
	): Promise<number>;
	/** Throws NotFoundError when absent. */
	update(id: number, patch: ItemPatch): Promise<Item>;
	/** Returns false when absent. Media rows of the item are deleted with it. */
	delete(id: number): Promise<boolean>;
	getById(id: number, scope: AccessScope): Promise<Item | null>;
	getBySlug(slug: string, scope: AccessScope): Promise<Item | null>;
	/** Ordered by id descending (newest first). */
	list(
		scope: AccessScope,
		page: { limit: number; offset: number },
		filter?: ItemFilter
	): Promise<Page<ItemSummary>>;
	/** Ordered by id ascending; capped at `limit`. Antimeridian-crossing boxes are handled. */
	findInBBox(
		bbox: BBox,
		scope: AccessScope,
		opts: { limit: number; filter?: ItemFilter }
	): Promise<ItemSummary[]>;
	/** Ordered by distance (metres, great-circle), then id. */
	nearest(
		point: LngLat,
		scope: AccessScope,
		opts: { limit: number; maxMeters?: number; filter?: ItemFilter }
	): Promise<Array<ItemSummary & { meters: number }>>;
	/**
	 * Diacritic-insensitive full-text search over title, summary and body in every language.
	 * Items whose text contains the query with its exact diacritics rank first; then by relevance,
	 * then id. Every query word must match (prefix match on the last word). Empty query → [].
	 */
	search(
		query: string,
		scope: AccessScope,
		opts: { limit: number; offset?: number; lang?: LangTag; bbox?: BBox; filter?: ItemFilter }
	): Promise<Array<ItemSummary & { score: number }>>;
	count(scope: AccessScope): Promise<number>;
	/**
	 * Added for the map: counts for the filter panel over the items matching `bbox`, `q` (the same
	 * matching as `search`, without its candidate cap) and `filter`, under the scope (see
	 * ItemFacets). Disjunctive: each facet is counted with every filter except its own (kinds
	 * ignore filter.kinds, ethnicGroups ignore filter.ethnicGroups, provinces ignore
	 * filter.province, languages ignore filter.textLang, years ignore fromYear/toYear);
	 * filter.collection always applies. Items without a public point count unless a bbox is given.
	 * Language counts are of non-empty titles per language. Year buckets: see yearFacet in
	 * db/facet-results.ts (contiguous buckets of one size from min to max, at most 40).
	 */
	facets(
		scope: AccessScope,
		opts: { bbox?: BBox; q?: string; filter?: ItemFilter }
	): Promise<ItemFacets>;
	/**
	 * Added for the in-memory facet index (services/facet-index.ts): the facet fields of the items
	 * the scope may read with id > afterId, id ascending, at most `limit` (capped at 50,000). The
	 * point is the one the scope may see (null when none); ethnicGroups and titleLangs (languages
	 * with a non-empty title) in any order.
	 */
	facetRows(
		scope: AccessScope,
		page: { afterId: number; limit: number }
	): Promise<FacetSourceRow[]>;
}

export interface FacetSourceRow {
	id: number;
	lng: number | null;
	lat: number | null;
	kind: string;
	province: string | null;
	/** The span [start ?? end, end ?? start]; both null when undated. */
	spanStart: number | null;
	spanEnd: number | null;
	ethnicGroups: string[];
	titleLangs: string[];
}

export const MAX_FACET_ROWS = 50_000;

export interface MediaRepository {
	create(input: NewMediaRecord): Promise<MediaRecord>;
	getById(id: number): Promise<MediaRecord | null>;
	/** Ordered by position, then id. */
	listForItem(itemId: number): Promise<MediaRecord[]>;
	delete(id: number): Promise<boolean>;
	findBySha256(sha256: string): Promise<MediaRecord[]>;
}

export interface VocabularyRepository {
	/** Insert or replace by (scheme, code). */
	upsert(terms: VocabularyTerm[]): Promise<void>;
	/** Ordered by position, then code. */
	list(scheme: VocabularyScheme): Promise<VocabularyTerm[]>;
	get(scheme: VocabularyScheme, code: string): Promise<VocabularyTerm | null>;
}

export interface CollectionRepository {
	create(input: Omit<Collection, 'id'>): Promise<Collection>;
	getBySlug(slug: string, scope: AccessScope): Promise<Collection | null>;
	/**
	 * Added for the map: the collections the scope may read (status and visibility), ordered by
	 * id, capped at MAX_LIMIT; itemCount counts only the member items the scope may read.
	 */
	list(scope: AccessScope): Promise<CollectionSummary[]>;
	/** Added for seeding: deletes the collection (not its items); false when absent. */
	deleteBySlug(slug: string): Promise<boolean>;
}

export interface CollectionSummary extends Omit<Collection, 'itemIds'> {
	itemCount: number;
}

export interface AuditEntry {
	actorId: number | null;
	action: string;
	entity: string;
	entityId: string;
	detail: Record<string, unknown>;
}

export interface AuditRepository {
	record(entry: AuditEntry): Promise<void>;
	/** Newest first. */
	list(opts: {
		entity?: string;
		entityId?: string;
		limit: number;
	}): Promise<Array<AuditEntry & { id: number; at: string }>>;
}

/**
 * Vector tiles of items (added for the map). One MVT layer `items` (extent 4096 by default,
 * buffer 64). Points are public points unless scope.exactLocation; scope and filter apply in SQL.
 * Above CLUSTER_MAX_ZOOM each item is a feature with properties id, kind, title_vi, title_en,
 * cover (absent when none), count = 1; at or below it items are aggregated on a CLUSTER_GRID grid
 * per tile: one feature per non-empty cell at the mean position of its members with `count`, and
 * the single item's properties when count = 1. At most MAX_TILE_FEATURES features (largest cells
 * first). An empty tile is an empty buffer.
 */
export interface TileRepository {
	itemsTile(
		tile: TileCoord,
		scope: AccessScope,
		opts: { filter?: ItemFilter; extent?: number }
	): Promise<Buffer>;
	/**
	 * Added for the tile pyramid: every item readable by `scope` (no filter) at the point the scope
	 * may see (public point unless exactLocation), id ascending, as parallel typed arrays.
	 */
	pointsForPyramid(scope: AccessScope): Promise<PyramidPoints>;
	/** Added for the tile pyramid: the tags of single-item features, for these ids (any order). */
	tileProps(ids: readonly number[]): Promise<TileItemProps[]>;
	/**
	 * Added for the tile pyramid: a cheap token that changes when the items readable by `scope`
	 * change (count and latest updated_at), so other app nodes' writes are noticed.
	 */
	itemsStamp(scope: AccessScope): Promise<string>;
}

export interface PyramidPoints {
	ids: Int32Array;
	lng: Float64Array;
	lat: Float64Array;
	/**
	 * Added for the tile pyramid: the points' tags (TileItemProps), in the same order, so tiles
	 * need no query for them. Optional: without them the pyramid asks tileProps per tile.
	 */
	tags?: PyramidTags;
}

/** Tags of many items, packed (see db/pyramid-tags.ts, which builds and reads them). */
export interface PyramidTags {
	/** Kind codes; kindIndex[i] points into this list. */
	kinds: string[];
	kindIndex: Uint8Array;
	/** Cover media id, 0 when none. */
	cover: Float64Array;
	/** UTF-8 of every title: item i's vi title is [offsets[2i], offsets[2i+1]), en up to offsets[2i+2]. */
	text: Buffer;
	offsets: Float64Array;
}

/** Empty titles are null, as in tiles (MVT has no null: absent tags stay absent). */
export interface TileItemProps {
	id: number;
	kind: string;
	title_vi: string | null;
	title_en: string | null;
	cover: number | null;
}

export interface Repositories {
	items: ItemRepository;
	/** Added for the map (see TileRepository). */
	tiles: TileRepository;
	media: MediaRepository;
	vocabularies: VocabularyRepository;
	collections: CollectionRepository;
	audit: AuditRepository;
}

export interface Database extends Repositories {
	readonly dialect: 'sqlite' | 'postgis';
	/**
	 * Runs `fn` in one transaction: everything it writes through `tx` commits together, or nothing
	 * does when it throws (the error is rethrown). Writes through the outer repositories while a
	 * transaction is open wait for it (SQLite has one connection).
	 */
	transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
	/** Deletes every row of every table (seed reload, tests). */
	truncateAll(): Promise<void>;
	close(): Promise<void>;
}
