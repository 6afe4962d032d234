/**
 * The repository contract against real PostgreSQL + PostGIS, plus the PostGIS-specific behaviour
 * the contract cannot see (migration locking, tie-breaking beyond the KNN cut, engine-independent
 * metres, exact bbox edges on a fuzzy index operator, NFD text). Without a server (outside CI)
 * every suite here is skipped with the reason in its title; under CI=true the global setup fails.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { LngLat } from '$lib/domain/types';
import { haversineMeters } from '$lib/geo/distance';
import { publicPointFor } from '$lib/geo/generalise';
import type { Database } from '$lib/server/db/ports';
import { createPostgisDatabase } from '$lib/server/db/postgis/create-postgis-database';
import { databaseUrl, quoteIdent } from '$lib/server/db/postgis/pg-url';
import { scopeFor, ANONYMOUS } from '$lib/server/services/access.service';
import { buildItem, buildItemAt } from '../support/factories/item.factory';
import type { Harness } from '../support/harness';
import { createPostgisHarness, postgisUnavailable } from '../support/postgis-harness';
import { repositoryContract } from './repository.contract';

const skipped = postgisUnavailable();
const anonymous = scopeFor(ANONYMOUS);
const staff = scopeFor({ kind: 'staff', userId: 1 });

if (skipped) {
	console.warn(`\n!!! PostGIS suites SKIPPED: ${skipped}\n`);
	describe.skip(`postgis — SKIPPED: ${skipped}`, () => {
		it('needs a PostgreSQL + PostGIS server', () => undefined);
	});
} else {
	repositoryContract('postgis', createPostgisHarness);
	postgisSpecifics();
}

function postgisSpecifics(): void {
	describe('postgis: beyond the contract', () => {
		let harness: Harness;
		let db: Database;
		beforeAll(async () => {
			harness = await createPostgisHarness();
			db = harness.db;
		});
		afterAll(() => harness?.close());
		beforeEach(() => harness.reset());

		it('nearest breaks ties by id even when more items share a point than the limit', async () => {
			// 30 generalised sites snap to one public point; a KNN cut-off alone returns any 5. They
			// are moved there newest first, so index order and id order disagree.
			const p: LngLat = [108.0186, 14.3545];
			const ids = await db.items.createMany(
				Array.from({ length: 30 }, (_, i) => buildItemAt([100 + i * 0.1, 10]))
			);
			for (const [i, id] of [...ids.entries()].reverse()) {
				const point: LngLat = [p[0] + (i % 6) * 0.001, p[1] + Math.floor(i / 6) * 0.001];
				await db.items.update(id, { location: { point, geometry: null, precision: 'region' } });
			}
			const near = await db.items.nearest(p, anonymous, { limit: 5 });
			expect(near.map((n) => n.id)).toEqual([...ids].sort((a, b) => a - b).slice(0, 5));
			expect(new Set(near.map((n) => n.meters)).size).toBe(1);
		});

		it('nearest metres agree with haversineMeters across the country, not only nearby', async () => {
			// PostGIS 3's ST_DistanceSphere uses another radius: ~6 m off over 1 700 km.
			const haNoi: LngLat = [105.8342, 21.0278];
			const caMau: LngLat = [104.7468, 8.6042];
			await db.items.create(buildItemAt(caMau));
			const [far] = await db.items.nearest(haNoi, anonymous, { limit: 1 });
			expect(Math.abs(far.meters - haversineMeters(haNoi, caMau))).toBeLessThan(0.01);
		});

		it('bbox edges are exact although point <@ box tolerates 1e-6', async () => {
			const [inside] = await db.items.createMany([
				buildItemAt([106, 21]),
				buildItemAt([106.0000004, 20.5]),
				buildItemAt([105.5, 21.0000004])
			]);
			const found = await db.items.findInBBox(
				{ west: 105, south: 20, east: 106, north: 21 },
				anonymous,
				{ limit: 10 }
			);
			expect(found.map((s) => s.id)).toEqual([inside]);
		});

		it('a box holding more than the probe cap takes the id walk and keeps order and scope', async () => {
			const inputs = Array.from({ length: 4_700 }, (_, i) =>
				buildItemAt([105 + (i % 100) / 100, 20 + Math.floor(i / 100) / 100], {
					status: i % 7 === 0 ? 'draft' : 'published'
				})
			);
			const ids = await db.items.createMany(inputs);
			const visible = ids.filter((_, i) => i % 7 !== 0);
			const found = await db.items.findInBBox(
				{ west: 104, south: 19, east: 107, north: 22 },
				anonymous,
				{ limit: 300 }
			);
			expect(found.map((s) => s.id)).toEqual(visible.slice(0, 300));
			const pub = publicPointFor(inputs[1].location.point, 'exact');
			expect(found[0].publicPoint).toEqual(pub);
		});

		it('exact-diacritic boost also finds text stored decomposed (NFD)', async () => {
			const [nfd, bare] = await db.items.createMany([
				buildItem({ title: { vi: 'Đình làng cổ'.normalize('NFD') } }),
				buildItem({ title: { vi: 'Dinh lang co' } })
			]);
			const results = await db.items.search('đình', staff, { limit: 10 });
			expect(results.map((r) => r.id)).toEqual([nfd, bare]);
			expect(results[0].score).toBeGreaterThanOrEqual(1);
			expect(results[1].score).toBeLessThan(1);
		});

		it('exact-diacritic boost lets any whitespace run match a space, and escapes regex syntax', async () => {
			const [split, bare] = await db.items.createMany([
				buildItem({ title: { vi: 'Nhà' }, body: { vi: 'Đình\n  làng (cổ)' } }),
				buildItem({ title: { vi: 'Dinh lang co' } })
			]);
			expect((await db.items.search('đình   làng', staff, { limit: 10 })).map((r) => r.id)).toEqual(
				[split, bare]
			);
			const syntax = await db.items.search('làng (cổ', staff, { limit: 10 });
			expect(syntax.map((r) => r.id)).toEqual([split, bare]);
			expect(syntax[0].score).toBeGreaterThanOrEqual(1);
		});

		it('searches words that PostgreSQL would otherwise read as one host or path token', async () => {
			const item = await db.items.create(
				buildItem({ title: { vi: 'Tư liệu sai.gon/cho-lon 1998' } })
			);
			for (const q of ['gon', 'cho lon', 'sai gon 1998']) {
				expect((await db.items.search(q, staff, { limit: 5 })).map((r) => r.id)).toEqual([item.id]);
			}
		});
	});

	describe('postgis: migrations', () => {
		const templateUrl = inject('postgisUrl') as string;
		const name = `t_mig_${randomBytes(5).toString('hex')}`;
		const admin = async (q: string) => {
			const c = new pg.Client({ connectionString: databaseUrl(templateUrl, 'postgres') });
			await c.connect();
			try {
				await c.query(q);
			} finally {
				await c.end();
			}
		};
		afterAll(() => admin(`drop database if exists ${quoteIdent(name)} with (force)`));

		it('several nodes starting together on an empty database migrate it exactly once', async () => {
			await admin(`create database ${quoteIdent(name)}`);
			const url = databaseUrl(templateUrl, name);
			const nodes = await Promise.all(
				[1, 2, 3].map(() => createPostgisDatabase(url, { poolMax: 2 }))
			);
			try {
				const c = new pg.Client({ connectionString: url });
				await c.connect();
				const applied = await c.query(
					'select count(*)::int as n from drizzle.__drizzle_migrations'
				);
				const files = await c.query(
					"select extname from pg_extension where extname in ('postgis', 'unaccent', 'pg_trgm') order by 1"
				);
				await c.end();
				// Every migration in the journal, each once (not once per node).
				const journal = JSON.parse(
					readFileSync('db/migrations/postgis/meta/_journal.json', 'utf8')
				) as { entries: unknown[] };
				expect(applied.rows[0].n).toBe(journal.entries.length);
				expect(journal.entries.length).toBeGreaterThanOrEqual(4);
				expect(files.rows.map((r) => r.extname)).toEqual(['pg_trgm', 'postgis', 'unaccent']);
				const item = await nodes[0].items.create(buildItem({ slug: 'tu-nut-mot' }));
				expect((await nodes[2].items.getById(item.id, staff))?.slug).toBe('tu-nut-mot');
			} finally {
				await Promise.all(nodes.map((n) => n.close()));
			}
		});
	});
}
