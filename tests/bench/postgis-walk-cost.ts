/**
 * Calibrates WALK_COST of the PostGIS findInBBox (src/lib/server/db/postgis/item-spatial.queries.ts)
 * on a kept benchmark database:
 *
 *   BENCH_KEEP=1 BENCH_ENGINES=postgis BENCH_SIZES=1000000 npm run bench   # once
 *   npx tsx tests/bench/postgis-walk-cost.ts                               # BENCH_SIZES picks bench_<size>
 *
 * For boxes of many sizes around real sites it times, in the anonymous scope, the two ways of
 * picking the first `limit` ids: `gist` collects every readable id in the box from the covering
 * GiST (index-only) and sorts them; `walk` reads items_id_points in id order until `limit` rows
 * fall in the box. Each box reports n (readable rows in it) and the median of both. The crossover
 * n* (where walk becomes cheaper) gives WALK_COST = n*² / (limit × N), N = rows in items.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { BBox, LngLat } from '../../src/lib/domain/types';
import { bboxSql, filterSql, scopeSql } from '../../src/lib/server/db/postgis/item-sql';
import { databaseUrl } from '../../src/lib/server/db/postgis/pg-url';
import { ANONYMOUS, scopeFor } from '../../src/lib/server/services/access.service';
import { benchConfig } from './bench-config';
import { median } from './stats';
import { createRng } from './prng';

const LIMIT = 200;
const HALF_WIDTHS = [0.01, 0.02, 0.04, 0.07, 0.1, 0.15, 0.2, 0.3, 0.45, 0.7, 1, 1.5, 2.5];
const CENTRES = 10;
const REPEATS = 3;

async function main() {
	const cfg = benchConfig(process.env);
	const size = cfg.sizes[cfg.sizes.length - 1];
	const pool = new pg.Pool({
		connectionString: databaseUrl(cfg.postgisUrl, `bench_${size}`),
		max: 1,
		// As the app's pool (create-postgis-database.ts).
		options: '-c max_parallel_workers_per_gather=0 -c jit=off'
	});
	const db = drizzle({ client: pool });
	const scope = scopeFor(ANONYMOUS);
	const readable = sql`${scopeSql(scope)} and ${filterSql(undefined)}`;
	const total = (
		await db.execute<{ n: number }>(
			sql`select reltuples::float8 as n from pg_class where oid = 'items'::regclass`
		)
	).rows[0].n;
	const sample = await db.execute<{ lng: number; lat: number }>(sql`
		select public_lng as lng, public_lat as lat from items
		where public_lng is not null and id % 997 = 1 order by id limit 2000`);
	const rng = createRng(cfg.seed);
	const centres: LngLat[] = Array.from({ length: CENTRES }, () => {
		const r = sample.rows[rng.int(0, sample.rows.length - 1)];
		return [r.lng, r.lat];
	});
	const time = async (q: ReturnType<typeof sql>) => {
		const t = process.hrtime.bigint();
		await db.execute(q);
		return Number(process.hrtime.bigint() - t) / 1e6;
	};
	const rows: Array<{ n: number; gist: number; walk: number }> = [];
	for (const [lng, lat] of centres) {
		for (const h of HALF_WIDTHS) {
			const box: BBox = { west: lng - h, south: lat - h, east: lng + h, north: lat + h };
			const gist = sql`select id from (select i.id from items i where ${bboxSql(box, scope)} and ${readable}) s order by id limit ${LIMIT}`;
			const walk = sql`select i.id from items i where ${bboxSql(box, scope, { pointIndex: false })} and ${readable} order by i.id limit ${LIMIT}`;
			const n = (
				await db.execute<{ n: number }>(
					sql`select count(*)::int as n from items i where ${bboxSql(box, scope)} and ${readable}`
				)
			).rows[0].n;
			await time(gist);
			await time(walk);
			const g: number[] = [];
			const w: number[] = [];
			for (let k = 0; k < REPEATS; k++) {
				g.push(await time(gist));
				w.push(await time(walk));
			}
			rows.push({ n, gist: median(g), walk: median(w) });
		}
	}
	rows.sort((a, b) => a.n - b.n);
	console.log(`N = ${Math.round(total)}, limit ${LIMIT}; medians of ${REPEATS}\n`);
	console.log('| n in box | gist ms | walk ms | faster |\n|--:|--:|--:|---|');
	for (const r of rows) {
		console.log(
			`| ${r.n} | ${r.gist.toFixed(2)} | ${r.walk.toFixed(2)} | ${r.gist <= r.walk ? 'gist' : 'walk'} |`
		);
	}
	// The n that misclassifies the fewest boxes when gist is used below it and walk above.
	let best = { t: 0, wrong: Infinity };
	for (const cut of [0, ...rows.map((r) => r.n)]) {
		const wrong = rows.filter((r) => (r.n <= cut ? r.gist > r.walk : r.walk > r.gist)).length;
		if (wrong < best.wrong) best = { t: cut, wrong };
	}
	const walkCost = (best.t * best.t) / (LIMIT * total);
	console.log(
		`\ncrossover n* ≈ ${best.t} (${best.wrong} of ${rows.length} boxes on the slower side) → ` +
			`WALK_COST ≈ ${walkCost.toFixed(3)}`
	);
	await pool.end();
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
