/**
 * The in-memory facet index must answer exactly as the repository's SQL does: random records
 * (kinds, groups, provinces, title languages, spans with BCE and undated, points with none and
 * across the antimeridian, hidden records, a collection) and random queries, compared one by one.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem } from '../../../../tests/support/factories/item.factory';
import { seedTerms } from '../../../../tests/support/factories/vocabulary.factory';
import type { BBox, ItemFilter, ItemKind, LngLat, NewItem, Viewer } from '../../domain/types';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { ANONYMOUS, scopeFor } from './access.service';
import { ItemChangeNotifier } from './item-changes';
import { MapService } from './map.service';
import { mulberry32 } from '../seed/demo-palette';

const anonymous = scopeFor(ANONYMOUS);

/** A small deterministic PRNG (mulberry32), so a failure repeats. */
function rng(seed: number) {
	const next = mulberry32(seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
	const some = <T>(xs: readonly T[]): T[] => xs.filter(() => next() < 0.4);
	return { next, pick, some };
}

const KINDS: ItemKind[] = ['site', 'structure', 'practice', 'event'];
const GROUPS = ['kinh', 'bahnar', 'sedang'];
const PROVINCES = ['Kon Tum', 'Gia Lai', 'Bắc Ninh', 'Quảng Ngãi'];
const LANGS = ['en', 'bdq', 'sed'];

let dir: string;
let db: Database;
let changes: ItemChangeNotifier;
let stamp = 'a';
let clock = 0;
let map: MapService;

function randomItem(r: ReturnType<typeof rng>, i: number): NewItem {
	const point: LngLat | null =
		r.next() < 0.1
			? null
			: r.next() < 0.1
				? [r.pick([179.9, -179.9, 179.5]), -17 + r.next()]
				: [105 + r.next() * 4, 10 + r.next() * 10];
	const start = r.next() < 0.2 ? null : Math.floor(r.next() * 2600) - 600;
	const end = start === null ? (r.next() < 0.2 ? 1900 : null) : r.next() < 0.5 ? null : start + 50;
	const title: Record<string, string> = { vi: `Mục ${i}` };
	for (const l of r.some(LANGS)) title[l] = `Title ${l} ${i}`;
	// A summary-only language must not count as a title language.
	const summary: Record<string, string> =
		r.next() < 0.2 ? { bdq: 'Chỉ tóm tắt' } : { vi: 'Tóm tắt' };
	const hidden = r.next();
	return buildItem({
		kind: r.pick(KINDS),
		status: hidden < 0.07 ? 'draft' : 'published',
		visibility: hidden > 0.95 ? 'community' : 'public',
		communityGroups: hidden > 0.95 ? ['nhom'] : [],
		title,
		summary,
		location: { point, geometry: null, precision: r.next() < 0.2 ? 'region' : 'exact' },
		place: { province: r.next() < 0.15 ? null : r.pick(PROVINCES), district: null, commune: null },
		time: { startYear: start, endYear: end, label: {} },
		ethnicGroups: r.some(GROUPS)
	});
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-facet-index-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'facets.sqlite') });
	await seedTerms(db);
	const r = rng(7);
	const ids = await db.items.createMany(Array.from({ length: 600 }, (_, i) => randomItem(r, i)));
	await db.collections.create({
		slug: 'mot-phan',
		title: { vi: 'Một phần' },
		description: {},
		status: 'published',
		visibility: 'public',
		itemIds: ids.filter((_, i) => i % 3 === 0)
	});
	await db.collections.create({
		slug: 'nhap',
		title: { vi: 'Nháp' },
		description: {},
		status: 'draft',
		visibility: 'public',
		itemIds: ids.slice(0, 10)
	});
	changes = new ItemChangeNotifier();
	map = new MapService({
		items: db.items,
		vocabularies: db.vocabularies,
		collections: db.collections,
		changes,
		stamp: async () => stamp,
		now: () => clock
	});
	expect(await map.facetIndexReady()).toBe(true);
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

const STAFF: Viewer = { kind: 'staff', userId: 1 };
const MEMBER: Viewer = { kind: 'member', userId: 2, groups: ['nhom'] };

const viaIndex = async (bbox: BBox | undefined, filter: ItemFilter, viewer: Viewer = ANONYMOUS) => {
	const { labels: _labels, ...facets } = await map.facets(viewer, { lang: 'vi', bbox, filter });
	return facets;
};

describe('FacetIndex', () => {
	it('answers 150 random queries exactly as the repository does, in every scope', async () => {
		const r = rng(11);
		const boxes: Array<BBox | undefined> = [
			undefined,
			{ west: -180, south: -90, east: 180, north: 90 },
			{ west: 179, south: -18, east: -179, north: -16 },
			{ west: 170, south: -20, east: 110, north: 25 }
		];
		let nonEmpty = 0;
		for (let q = 0; q < 150; q++) {
			const west = 104 + r.next() * 4;
			const south = 9 + r.next() * 9;
			const bbox =
				r.next() < 0.4
					? r.pick(boxes)
					: { west, south, east: west + r.next() * 3, north: south + r.next() * 5 };
			const filter: ItemFilter = {};
			if (r.next() < 0.3) filter.kinds = r.some(KINDS).slice(0, 2).concat(r.pick(KINDS));
			if (r.next() < 0.3) filter.ethnicGroups = [r.pick([...GROUPS, 'khong-co'])];
			if (r.next() < 0.3) filter.province = r.pick([...PROVINCES, 'Không có']);
			if (r.next() < 0.3) filter.textLang = r.pick([...LANGS, 'vi', 'xx']);
			if (r.next() < 0.3) {
				filter.fromYear = Math.floor(r.next() * 2000) - 500;
				if (r.next() < 0.7) filter.toYear = filter.fromYear + Math.floor(r.next() * 800);
			} else if (r.next() < 0.15) filter.toYear = 0;
			if (r.next() < 0.2) filter.collection = r.pick(['mot-phan', 'nhap', 'khong-co']);
			const viewer = r.next() < 0.6 ? ANONYMOUS : r.pick([STAFF, MEMBER]);
			const sql = await db.items.facets(scopeFor(viewer), { bbox, filter });
			const context = JSON.stringify({ viewer: viewer.kind, bbox, filter });
			expect(await viaIndex(bbox, filter, viewer), context).toEqual(sql);
			if (sql.total > 0 && sql.years.buckets.length > 0) nonEmpty++;
		}
		expect(nonEmpty).toBeGreaterThan(40);
		// One index per scope: the public one, staff's and the member's.
		expect(map.indexBuilds).toBe(3);
		expect(map.facetIndexCount).toBe(3);
	});

	it('is rebuilt after local writes and after another process changes the stamp', async () => {
		const before = (await viaIndex(undefined, {})).total;
		await db.items.create(buildItem({ kind: 'person' }));
		changes.changed();
		// The next query waits for the rebuilt index.
		expect((await viaIndex(undefined, {})).total).toBe(before + 1);
		expect(map.indexBuilds).toBe(4);
		expect((await viaIndex(undefined, { kinds: ['person'] })).total).toBe(1);

		await db.items.create(buildItem({ kind: 'person' }));
		// Before the recheck interval the index may be stale (by design); after it, the stamp moves.
		stamp = 'b';
		clock += 5_000;
		expect((await viaIndex(undefined, { kinds: ['person'] })).total).toBe(2);
		expect(map.indexBuilds).toBe(5);
		expect((await viaIndex(undefined, { kinds: ['person'] })).total).toBe(2);
	});

	it('keeps at most maxFacetIndexes, dropping the least recently used signed-in one', async () => {
		const small = new MapService({
			items: db.items,
			vocabularies: db.vocabularies,
			collections: db.collections,
			maxFacetIndexes: 2
		});
		const other: Viewer = { kind: 'member', userId: 3, groups: ['khac'] };
		for (const viewer of [ANONYMOUS, STAFF, MEMBER, other, STAFF]) {
			const { labels: _labels, ...got } = await small.facets(viewer, { lang: 'vi' });
			expect(got).toEqual(await db.items.facets(scopeFor(viewer), {}));
		}
		expect(small.facetIndexCount).toBe(2);
		// The public index stayed; staff's was dropped for the members' and built again.
		expect(small.indexBuilds).toBe(5);
		await small.facets(ANONYMOUS, { lang: 'vi' });
		expect(small.indexBuilds).toBe(5);
	});

	it('counts staff from their own index, and search text over the hits', async () => {
		const staff = await map.facets(STAFF, { lang: 'vi' });
		expect(staff.total).toBe(await db.items.count(scopeFor(STAFF)));
		expect(await map.facetIndexReady(scopeFor(STAFF))).toBe(true);
		const text = await map.facets(ANONYMOUS, { lang: 'vi', q: 'Muc 1' });
		expect(text.total).toBe((await db.items.facets(anonymous, { q: 'Muc 1' })).total);
	});
});

describe('facets with search text (counted over the search hits)', () => {
	it('equal the repository exactly when the text matches fewer than MAX_LIMIT items', async () => {
		const r = rng(23);
		const texts = ['muc 1', 'muc 2', 'muc 59', 'title', 'title bdq', 'title s', 'chi tom', 'xyzzy'];
		let compared = 0;
		for (let n = 0; n < 120; n++) {
			const viewer = r.next() < 0.3 ? r.pick([STAFF, MEMBER]) : ANONYMOUS;
			const q = r.pick(texts);
			const bbox =
				r.next() < 0.4
					? undefined
					: r.pick<BBox>([
							{ west: 104, south: 9, east: 110, north: 21 },
							// Holds every point: searched without the box, pointless hits dropped.
							{ west: -180, south: -90, east: 180, north: 90 },
							{ west: 179, south: -18, east: -179, north: -16 },
							{ west: 105.5, south: 12, east: 107.5, north: 16 }
						]);
			const filter: ItemFilter = {};
			if (r.next() < 0.3) filter.kinds = [r.pick(KINDS), r.pick(KINDS)];
			if (r.next() < 0.3) filter.ethnicGroups = [r.pick(GROUPS)];
			if (r.next() < 0.3) filter.province = r.pick(PROVINCES);
			if (r.next() < 0.3) filter.textLang = r.pick([...LANGS, 'vi']);
			if (r.next() < 0.3) {
				filter.fromYear = Math.floor(r.next() * 2000) - 500;
				filter.toYear = filter.fromYear + Math.floor(r.next() * 800);
			}
			if (r.next() < 0.2) filter.collection = r.pick(['mot-phan', 'nhap']);
			const { labels: _labels, ...got } = await map.facets(viewer, {
				lang: 'vi',
				q,
				bbox,
				filter
			});
			const sql = await db.items.facets(scopeFor(viewer), { q, bbox, filter });
			expect(got.capped, JSON.stringify({ q, bbox, filter })).toBeUndefined();
			expect(got, JSON.stringify({ q, bbox, filter })).toEqual(sql);
			if (sql.total > 0) compared++;
		}
		expect(compared).toBeGreaterThan(40);
	});

	it('counts the first MAX_LIMIT hits of each facet’s own query, and says so', async () => {
		// "muc" is in every title: more than the cap.
		const all = await map.facets(ANONYMOUS, { lang: 'vi', q: 'muc' });
		expect(all.capped).toBe(true);
		expect(all.total).toBe(500);
		expect(all.kinds.reduce((s, k) => s + k.count, 0)).toBe(500);
		// With a filter, the total is the filtered search list's (at most 500), and the kinds facet
		// counts the hits of the query without the kind filter.
		const filter: ItemFilter = { kinds: ['site'], province: 'Kon Tum' };
		const sites = await map.facets(ANONYMOUS, { lang: 'vi', q: 'muc', filter });
		const listed = await db.items.search('muc', anonymous, { limit: 500, filter });
		expect(sites).toMatchObject({ capped: true, total: listed.length });
		const anyKind = await db.items.search('muc', anonymous, {
			limit: 500,
			filter: { province: 'Kon Tum' }
		});
		expect(sites.kinds.reduce((s, k) => s + k.count, 0)).toBe(anyKind.length);
		expect(sites.provinces.find((p) => p.code === 'Kon Tum')?.count).toBe(listed.length);
	});
});
