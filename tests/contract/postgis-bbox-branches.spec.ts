/**
 * findInBBox on a real PostGIS: every branch (estimated walk, capped walk falling back, sparse
 * probe, probe overflowing into the walk) gives the same exact answer as a plain filter over the
 * items, before and after writes move items in and out of the boxes, with fresh and stale
 * statistics. The branches are forced through BBoxTuning, since a small table never reaches the
 * real thresholds. Runs on the PostGIS of the contract suites (global-setup.postgis.ts): without a
 * server (outside CI) it is skipped with the reason in its title; under CI=true the setup fails.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AccessScope, BBox, LngLat } from '$lib/domain/types';
import type { Database } from '$lib/server/db/ports';
import { ANONYMOUS, scopeFor } from '$lib/server/services/access.service';
import { createPostgisDatabase } from '$lib/server/db/postgis/create-postgis-database';
import { type BBoxTuning, findInBBox } from '$lib/server/db/postgis/item-spatial.queries';
import { poolContext } from '$lib/server/db/postgis/pg-context';
import { databaseName, databaseUrl, quoteIdent } from '$lib/server/db/postgis/pg-url';
import { buildItemAt } from '../support/factories/item.factory';
import { postgisUnavailable } from '../support/postgis-harness';

/** The migrated template database of this run (global-setup.postgis.ts). */
const TEMPLATE = inject('postgisUrl');
const SERVER = TEMPLATE ? databaseUrl(TEMPLATE, 'postgres') : '';
const anonymous = scopeFor(ANONYMOUS);
const staff = scopeFor({ kind: 'staff', userId: 1 });

/** Each branch of findInBBox, forced. */
const BRANCHES: Record<string, BBoxTuning> = {
	// Threshold ≈ 1: any box with statistics is "dense" and walks, with room to finish.
	// Grid cells read in id order and merged (public points without a filter; staff falls through
	// to the walk, whose tuning it shares).
	cells: { walkCost: 1e-9, minDenseBoxRows: 1, walkSlack: 1e9, maxCells: 16 },
	walk: { walkCost: 1e-9, minDenseBoxRows: 1, walkSlack: 1e9, maxCells: 0 },
	// The walk is cut after one id, falls back to the probe, which overflows into the full walk.
	'capped walk → probe → walk': {
		walkCost: 1e-9,
		minDenseBoxRows: 1,
		walkSlack: 1e-9,
		maxCells: 0
	},
	// Threshold above the table: the probe collects the whole box.
	probe: { walkCost: 1e9, minDenseBoxRows: 1, walkSlack: 2, maxCells: 0 }
};

const unavailable = postgisUnavailable();

describe.skipIf(unavailable !== null)(
	`findInBBox branches on PostGIS${unavailable ? ` — SKIPPED: ${unavailable}` : ''}`,
	() => {
		const name = `t_bbox_${randomBytes(5).toString('hex')}`;
		let db: Database;
		let raw: pg.Client;
		let pool: pg.Pool | undefined;
		let run: (
			bbox: BBox,
			scope: AccessScope,
			opts: { limit: number },
			tuning: BBoxTuning
		) => ReturnType<typeof findInBBox>;

		beforeAll(async () => {
			const admin = new pg.Client({ connectionString: SERVER });
			await admin.connect();
			await admin.query(
				`create database ${quoteIdent(name)} template ${quoteIdent(databaseName(TEMPLATE!))}`
			);
			await admin.end();
			const url = databaseUrl(SERVER, name);
			db = await createPostgisDatabase(url, { poolMax: 2 });
			pool = new pg.Pool({ connectionString: url, max: 1 });
			const ctx = poolContext(pool);
			run = (bbox, scope, opts, tuning) => findInBBox(ctx.db, bbox, scope, opts, tuning);
			raw = new pg.Client({ connectionString: url });
			await raw.connect();
		}, 60_000);

		afterAll(async () => {
			await pool?.end();
			await raw?.end();
			await db?.close();
			const admin = new pg.Client({ connectionString: SERVER });
			await admin.connect();
			await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
			await admin.end();
		});

		/** The answer by definition: readable items whose point is in the box, by id. */
		async function expected(bbox: BBox, scope: AccessScope, limit: number): Promise<number[]> {
			const [lng, lat] = scope.exactLocation ? ['lng', 'lat'] : ['public_lng', 'public_lat'];
			const r = await raw.query<{ id: number }>(
				// west > east: the box crosses the antimeridian.
				`select id from items where (case when $1::float8 <= $3::float8 then ${lng} between $1 and $3
					else ${lng} >= $1::float8 or ${lng} <= $3::float8 end) and ${lat} between $2 and $4
				and status = any($5) and visibility = any($6) order by id limit $7`,
				[bbox.west, bbox.south, bbox.east, bbox.north, scope.statuses, scope.visibilities, limit]
			);
			return r.rows.map((x) => x.id);
		}

		const DENSE: BBox = { west: 105.8, south: 21.0, east: 105.82, north: 21.02 };
		const BOXES: BBox[] = [
			DENSE,
			{ west: 105.81, south: 21.01, east: 105.9, north: 21.1 },
			{ west: 105.5, south: 20.5, east: 106.5, north: 21.5 },
			{ west: 100, south: 10, east: 101, north: 11 }, // empty
			// Across the antimeridian: two parts, cells on both sides.
			{ west: 179.99, south: 21, east: -179.99, north: 21.02 },
			// Edges on 0.04° grid lines, where points sit exactly on a cell border.
			{ west: 105.8, south: 21.0, east: 105.84, north: 21.04 }
		];

		async function expectAllBranchesExact(): Promise<void> {
			for (const scope of [anonymous, staff]) {
				for (const bbox of BOXES) {
					for (const limit of [1, 7, 50]) {
						const want = await expected(bbox, scope, limit);
						for (const [branch, tuning] of Object.entries(BRANCHES)) {
							const got = (await run(bbox, scope, { limit }, tuning)).map((s) => s.id);
							expect(got, `${branch}, limit ${limit}, ${JSON.stringify(bbox)}`).toEqual(want);
						}
					}
				}
			}
		}

		// First, while the new database has never been analyzed (reltuples < 0, no histogram).
		it('without statistics, every branch falls back to the probe', async () => {
			await db.items.createMany(Array.from({ length: 5 }, () => buildItemAt([105.81, 21.01])));
			for (const tuning of Object.values(BRANCHES)) {
				const got = (await run(DENSE, anonymous, { limit: 3 }, tuning)).map((s) => s.id);
				expect(got).toEqual(await expected(DENSE, anonymous, 3));
			}
		});

		it('every branch matches the definition, then again after writes move items', async () => {
			// A dense cluster, a sparse ring, some unreadable rows in the cluster.
			const at = (i: number, spread: number): LngLat => [
				105.81 + spread * Math.cos(i * 2.399),
				21.01 + spread * Math.sin(i * 2.399)
			];
			await raw.query('truncate items cascade');
			const ids = await db.items.createMany([
				...Array.from({ length: 150 }, (_, i) => buildItemAt(at(i, 0.009 * ((i % 10) / 10)))),
				...Array.from({ length: 40 }, (_, i) => buildItemAt(at(i, 0.05 + 0.4 * (i / 40)))),
				...Array.from({ length: 10 }, (_, i) => buildItemAt(at(i, 0.005), { status: 'draft' })),
				...Array.from({ length: 6 }, (_, i) => buildItemAt([i % 2 ? 179.995 : -179.995, 21.01])),
				...[105.8, 105.84].flatMap((lng) => [buildItemAt([lng, 21.0]), buildItemAt([lng, 21.04])])
			]);
			await raw.query('analyze items');
			await expectAllBranchesExact();

			// Writes without a new ANALYZE: the estimate is stale, the answers must not be.
			for (const id of ids.slice(0, 30)) {
				await db.items.update(id, {
					location: { point: [105.95, 21.2], geometry: null, precision: 'exact' }
				});
			}
			for (const id of ids.slice(30, 40)) await db.items.delete(id);
			await db.items.createMany(Array.from({ length: 25 }, (_, i) => buildItemAt(at(i, 0.004))));
			await db.items.update(ids[150], {
				location: { point: [105.805, 21.005], geometry: null, precision: 'exact' }
			});
			await db.items.update(ids[60], { status: 'draft' });
			await expectAllBranchesExact();

			await raw.query('analyze items');
			await expectAllBranchesExact();
		}, 60_000);
	}
);
