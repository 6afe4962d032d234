/**
 * What the app-maintained virtual tables hold, as the SELECT over the main tables that yields their
 * rows for an id range. The serial path writes them with INSERT…SELECT (ItemWriter.index); a big
 * import feeds the same rows to a side build (side-index-build.ts). One definition, so the two
 * cannot drift.
 */
export const INDEX_SOURCES = {
	item_texts_fts: {
		columns: 'rowid, fold',
		select: 'SELECT id, fold FROM item_texts WHERE id BETWEEN ? AND ?'
	},
	items_rtree: {
		columns: 'id, min_lng, max_lng, min_lat, max_lat',
		// The box spans the true and the public point (see migration 0001 and its triggers).
		select: `SELECT id, min(lng, coalesce(public_lng, lng)), max(lng, coalesce(public_lng, lng)),
				min(lat, coalesce(public_lat, lat)), max(lat, coalesce(public_lat, lat))
			FROM items
			WHERE id BETWEEN ? AND ? AND lng IS NOT NULL AND lat IS NOT NULL`
	}
} as const;

export type IndexName = keyof typeof INDEX_SOURCES;

/**
 * INDEX_SOURCES.items_rtree's box in JavaScript, for rows captured as they are written: the box
 * spans the true and the public point; no point, no entry. index-upkeep.spec.ts checks that both
 * paths give the same entries.
 */
export function rtreeBox(
	lng: number | null,
	lat: number | null,
	publicLng: number | null,
	publicLat: number | null
): [minLng: number, maxLng: number, minLat: number, maxLat: number] | null {
	if (lng === null || lat === null) return null;
	const pLng = publicLng ?? lng;
	const pLat = publicLat ?? lat;
	return [Math.min(lng, pLng), Math.max(lng, pLng), Math.min(lat, pLat), Math.max(lat, pLat)];
}

/**
 * FTS5's pending-terms hash while a bulk import builds the search index, in bytes. With FTS5's 1 MB
 * default, indexing a million items' texts spent half its time merging small segments.
 */
export const BULK_SEARCH_HASH = 64 * 1024 * 1024;
/** FTS5's own default, what every other write uses. */
export const FTS5_DEFAULT_HASH = 1024 * 1024;

/** The statement that sets item_texts_fts's hash size (literal: FTS5 wants an integer). */
export function searchHashSql(bytes: number): string {
	return `INSERT INTO item_texts_fts (item_texts_fts, rank) VALUES ('hashsize', ${Math.trunc(bytes)})`;
}
