/**
 * What the benchmark needs from each engine: the app's Database (the code under test) plus a
 * second, raw connection to the same data that runs the minimal equivalent query, the floor the
 * repository's time is compared with.
 */
import type { BBox, LngLat } from '../../../src/lib/domain/types';
import type { Database } from '../../../src/lib/server/db/ports';

export type EngineName = 'sqlite' | 'postgis';

/** A sample row the workload is built from (real data, so queries hit like real ones). */
export interface SampleRow {
	id: number;
	point: LngLat | null;
	lang: string;
	title: string;
	fold: string;
}

export interface RawQueries {
	/** Ids of rows whose public point's index entry touches the box, unordered. */
	bbox(box: BBox, limit: number): Promise<number>;
	/** The k index-nearest rows to the point. */
	nearest(point: LngLat, k: number): Promise<number>;
	/** Rows whose folded text matches every token (last one as a prefix), unranked. */
	search(tokens: string[], limit: number): Promise<number>;
	/**
	 * Added for the facets row: items per kind among rows whose public point is in the box (one
	 * GROUP BY, no access check, no other facet). Returns the number of items counted.
	 */
	facets?(box: BBox): Promise<number>;
}

export interface BenchEngine {
	readonly name: EngineName;
	/** e.g. "SQLite 3.53.2" or "PostgreSQL 15.18, PostGIS 3.3.2". */
	readonly version: string;
	readonly db: Database;
	readonly raw: RawQueries;
	/** Items already in a database reused from an earlier run (BENCH_REUSE), else undefined. */
	readonly reusedItems?: number;
	/** Planner statistics after the load (ANALYZE / PRAGMA optimize; VACUUM ANALYZE on PostGIS). */
	analyze(): Promise<void>;
	/** Rows from the items with these ids (texts in every language), for building the workload. */
	sample(ids: number[]): Promise<SampleRow[]>;
	/** Highest item id (ids are dense from 1 after a fresh load). */
	maxId(): Promise<number>;
	/** Size on disk in bytes, for the report. */
	sizeBytes(): Promise<number>;
	/** Closes every connection and deletes the database (unless `keep`, for EXPLAIN afterwards). */
	dispose(keep?: boolean): Promise<void>;
}
