/**
 * SQLite-only: findInBBox switches from the R*Tree to an id-ordered scan when a box holds more
 * entries than its dense threshold, and nearest widens its window in rounds. Both must return the
 * same rows as a brute-force check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessScope, BBox, LngLat, NewItem } from '$lib/domain/types';
import { bboxContains } from '$lib/geo/bbox';
import { haversineMeters } from '$lib/geo/distance';
import { publicPointFor } from '$lib/geo/generalise';
import type { Database } from '$lib/server/db/ports';
import { createSqliteDatabase } from './create-sqlite-database';

const anonymous: AccessScope = {
	statuses: ['published'],
	visibilities: ['public'],
	groups: [],
	exactLocation: false
};
const staff: AccessScope = {
	statuses: ['draft', 'in_review', 'published', 'withdrawn'],
	visibilities: ['public', 'community', 'staff'],
	groups: 'all',
	exactLocation: true
};

function item(i: number, point: LngLat): NewItem {
	return {
		slug: `p-${i}`,
		kind: 'site',
		status: i % 7 === 0 ? 'draft' : 'published',
		visibility: 'public',
		communityGroups: [],
		title: { vi: `Điểm ${i}` },
		summary: {},
		body: {},
		location: { point, geometry: null, precision: i % 5 === 0 ? 'region' : 'exact' },
		place: { province: null, district: null, commune: null },
		time: { startYear: null, endYear: null, label: {} },
		ethnicGroups: [],
		subjects: [],
		rights: { license: 'CC0', holder: null, credit: null, sourceInstitution: null },
		dc: { creator: [], contributor: [], source: null, relation: [], language: [] }
	};
}

describe('sqlite findInBBox plans', () => {
	let db: Database;
	const points: LngLat[] = [];

	beforeAll(async () => {
		db = await createSqliteDatabase(':memory:');
		let seed = 7;
		const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
		for (let i = 0; i < 12_000; i++) points.push([105 + rnd() * 2, 20 + rnd() * 2]);
		await db.items.createMany(points.map((p, i) => item(i, p)));
	}, 60_000);
	afterAll(() => db.close());

	function expected(box: BBox, scope: AccessScope, limit: number): number[] {
		return points
			.map((p, i) => ({ id: i + 1, i, p }))
			.filter(({ i }) => scope.exactLocation || i % 7 !== 0)
			.filter(({ i, p }) =>
				bboxContains(
					box,
					scope.exactLocation ? p : publicPointFor(p, i % 5 === 0 ? 'region' : 'exact')!
				)
			)
			.map(({ id }) => id)
			.slice(0, limit);
	}

	it.each([
		['dense box, anonymous', { west: 104, south: 19, east: 108, north: 23 }, anonymous],
		['dense box, staff', { west: 105.05, south: 20.05, east: 106.95, north: 21.95 }, staff],
		['small box, anonymous', { west: 105.5, south: 20.5, east: 105.6, north: 20.6 }, anonymous],
		['small box, staff', { west: 105.5, south: 20.5, east: 105.6, north: 20.6 }, staff]
	] as const)('%s matches brute force', async (_name, box, scope) => {
		const got = await db.items.findInBBox(box, scope, { limit: 300 });
		expect(got.map((s) => s.id)).toEqual(expected(box, scope, 300));
		expect(got.length).toBeGreaterThan(0);
	});
	function nearestByBruteForce(center: LngLat, scope: AccessScope, limit: number, max: number) {
		return points
			.map((p, i) => ({ id: i + 1, i, p }))
			.filter(({ i }) => scope.exactLocation || i % 7 !== 0)
			.map(({ id, i, p }) => {
				const at = scope.exactLocation ? p : publicPointFor(p, i % 5 === 0 ? 'region' : 'exact')!;
				return { id, meters: haversineMeters(center, at) };
			})
			.filter((r) => r.meters <= max)
			.sort((a, b) => a.meters - b.meters || a.id - b.id)
			.slice(0, limit);
	}

	// The window starts at 100 m and widens by the density it sees: inside the cloud, at its edge,
	// and far outside it (many rounds), with limits large and small, the answer stays exact.
	it.each([
		['inside the cloud, anonymous', [106, 21], anonymous, 10, Infinity],
		['inside the cloud, staff, many', [106.3, 20.7], staff, 300, Infinity],
		['at the edge, staff', [105, 20], staff, 25, Infinity],
		['far away, anonymous', [100, 10], anonymous, 5, Infinity],
		['capped by maxMeters', [106, 21], staff, 50, 2_000]
	] as const)('nearest %s matches brute force', async (_name, center, scope, limit, max) => {
		const got = await db.items.nearest(center as LngLat, scope, {
			limit,
			maxMeters: Number.isFinite(max) ? max : undefined
		});
		const want = nearestByBruteForce(center as LngLat, scope, limit, max);
		expect(got.map((s) => s.id)).toEqual(want.map((r) => r.id));
		expect(got.map((s) => s.meters)).toEqual(want.map((r) => r.meters));
		expect(got.length).toBeGreaterThan(0);
	});
});
