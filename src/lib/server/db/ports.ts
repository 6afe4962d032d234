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
}

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
