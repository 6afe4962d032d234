/**
 * SQLite under benchmark: the app's database on a temp file, plus a second better-sqlite3
 * connection (WAL lets it read alongside) with prepared statements for the raw floor.
 */
import { rmSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { BBox, LngLat } from '../../../src/lib/domain/types';
import { haversineMeters } from '../../../src/lib/geo/distance';
import { createSqliteDatabase } from '../../../src/lib/server/db/sqlite/create-sqlite-database';
import type { BenchEngine, SampleRow } from './bench-engine';

/** First half-width of the raw nearest window, in degrees (~1 km); it grows 4× until it holds k. */
const FIRST_WINDOW_DEG = 0.01;

export async function openSqliteEngine(path: string): Promise<BenchEngine> {
	removeFiles(path);
	const db = await createSqliteDatabase(path);
	const raw = new BetterSqlite3(path, { fileMustExist: true });
	// The same page cache as the app's connection, so the floor is not flattered by a bigger one.
	raw.pragma('cache_size = -32000');
	raw.pragma('temp_store = MEMORY');
	const version = (raw.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;

	const bboxStmt = raw.prepare<[number, number, number, number, number], { id: number }>(
		'SELECT id FROM items_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ? LIMIT ?'
	);
	const windowStmt = raw.prepare<
		[number, number, number, number],
		{ id: number; lng: number; lat: number }
	>(
		'SELECT id, min_lng AS lng, min_lat AS lat FROM items_rtree WHERE max_lng >= ? AND min_lng <= ? AND max_lat >= ? AND min_lat <= ?'
	);
	const facetsStmt = raw.prepare<[number, number, number, number], { kind: string; n: number }>(
		`SELECT kind, count(*) AS n FROM items
		WHERE public_lng BETWEEN ? AND ? AND public_lat BETWEEN ? AND ? GROUP BY kind`
	);
	const searchStmt = raw.prepare<[string, number], { id: number }>(
		'SELECT rowid AS id FROM item_texts_fts WHERE item_texts_fts MATCH ? LIMIT ?'
	);

	return {
		name: 'sqlite',
		version: `SQLite ${version}`,
		db,
		raw: {
			async bbox(b: BBox, limit: number) {
				return bboxStmt.all(b.west, b.east, b.south, b.north, limit).length;
			},
			async nearest(center: LngLat, k: number) {
				const [lng, lat] = center;
				for (let half = FIRST_WINDOW_DEG; ; half *= 4) {
					const rows = windowStmt.all(lng - half, lng + half, lat - half, lat + half);
					if (rows.length >= k || half >= 180) {
						return rows
							.map((r) => haversineMeters(center, [r.lng, r.lat]))
							.sort((a, b) => a - b)
							.slice(0, k).length;
					}
				}
			},
			async search(tokens: string[], limit: number) {
				const match = tokens.map((t, i) => `"${t}"${i === tokens.length - 1 ? '*' : ''}`).join(' ');
				return searchStmt.all(match, limit).length;
			},
			// Added for the facets row: one GROUP BY over the box, no access check.
			async facets(b: BBox) {
				return facetsStmt.all(b.west, b.east, b.south, b.north).reduce((sum, r) => sum + r.n, 0);
			}
		},
		async analyze() {
			raw.exec('ANALYZE');
			raw.pragma('optimize');
		},
		async sample(ids: number[]): Promise<SampleRow[]> {
			const rows = raw
				.prepare(
					`SELECT i.id, i.public_lng AS lng, i.public_lat AS lat, t.lang, t.title, t.fold
					FROM items i JOIN item_texts t ON t.item_id = i.id
					WHERE i.id IN (SELECT value FROM json_each(?)) ORDER BY i.id, t.lang`
				)
				.all(JSON.stringify(ids)) as Array<{
				id: number;
				lng: number | null;
				lat: number | null;
				lang: string;
				title: string;
				fold: string;
			}>;
			return rows.map((r) => ({
				id: r.id,
				point: r.lng === null || r.lat === null ? null : [r.lng, r.lat],
				lang: r.lang,
				title: r.title,
				fold: r.fold
			}));
		},
		async maxId() {
			return (raw.prepare('SELECT coalesce(max(id), 0) AS n FROM items').get() as { n: number }).n;
		},
		async sizeBytes() {
			return ['', '-wal'].reduce((n, suffix) => n + fileSize(path + suffix), 0);
		},
		async dispose(keep = false) {
			await db.close();
			raw.close();
			if (!keep) removeFiles(path);
		}
	};
}

function fileSize(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

function removeFiles(path: string): void {
	for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}
