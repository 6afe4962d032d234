import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import vocabulariesFile from '../../../../db/seed/vocabularies.json';
import { decodeTile } from '../../../../tests/contract/repository/tiles.cases';
import { buildItemAt } from '../../../../tests/support/factories/item.factory';
import { buildMedia } from '../../../../tests/support/factories/media.factory';
import { tileBBox, tileContaining, TILE_EXTENT, type TileCoord } from '../../geo/tiles';
import { createDatabase } from '../db/create-database';
import type { Database, TileRepository } from '../db/ports';
import { parseVocabularies } from '../seed/demo-data';
import { generateSyntheticItems } from '../seed/synthetic';
import type { Viewer } from '../../domain/types';
import { ANONYMOUS, scopeFor } from './access.service';
import { ItemChangeNotifier } from './item-changes';
import { TileService } from './tile.service';
import { encodeCells, PYRAMID_MAX_ZOOM, TilePyramid } from './tile-pyramid';

const anonymous = scopeFor(ANONYMOUS);
let dir: string;
let db: Database;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-tile-pyramid-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'pyramid.sqlite') });
});
afterAll(async () => {
	await db.close();
	await rm(dir, { recursive: true, force: true });
});

type Feature = ReturnType<typeof decodeTile>[number];
/** Seam features: the SQL path counts only the buffer's share of these cells (see tile-pyramid). */
const inside = (f: Feature) =>
	f.x >= 1 && f.x <= TILE_EXTENT - 2 && f.y >= 1 && f.y <= TILE_EXTENT - 2;
const total = (fs: Feature[]) => fs.reduce((s, f) => s + Number(f.props.count), 0);

describe('TilePyramid against the SQL path (real SQLite, synthetic clustered items)', () => {
	let pyramid: TilePyramid;
	let points: Array<[number, number]>;

	beforeAll(async () => {
		await db.truncateAll();
		await db.vocabularies.upsert(parseVocabularies(vocabulariesFile));
		// Generalised points are snapped to round coordinates, often exactly on a cell edge, where
		// each path's float rounding may pick a different side (both are right up to rounding). So
		// the comparison uses exact points with a centimetre of jitter, away from every edge.
		const items = [...generateSyntheticItems(600, 7)].map((item, i) => {
			const point = item.location.point;
			if (!point) return item;
			const jitter = ((i % 11) + 1) * 1.3e-7;
			const moved: [number, number] = [point[0] + jitter, point[1] + jitter];
			return { ...item, location: { ...item.location, point: moved, precision: 'exact' as const } };
		});
		await db.items.createMany(items);
		const input = await db.tiles.pointsForPyramid(anonymous);
		pyramid = TilePyramid.build(input);
		points = Array.from(input.ids, (_, i) => [input.lng[i], input.lat[i]]);
	});

	const pyramidTile = async (tile: TileCoord) => decodeTile(pyramid.encode(pyramid.cells(tile)));

	it('encodes from its packed tags as encodeCells does from tag objects', () => {
		for (const z of [4, 9, 13, 15]) {
			const tile = tileContaining(points[3][0], points[3][1], z);
			const cells = pyramid.cells(tile);
			const direct = decodeTile(pyramid.encode(cells));
			expect(direct.length).toBe(cells.length);
			expect(direct).toEqual(
				decodeTile(encodeCells(cells, pyramid.tags(cells.map((c) => c.oneId))))
			);
		}
		expect(pyramid.encode([])).toHaveLength(0);
	});

	it('carries the tags of every point', async () => {
		expect(pyramid.hasTags).toBe(true);
		const ids = (await db.tiles.pointsForPyramid(anonymous)).ids.slice(0, 50);
		const expected = await db.tiles.tileProps([...ids]);
		expect(expected).toHaveLength(50);
		const got = pyramid.tags(ids);
		for (const p of expected) expect(got.get(p.id)).toEqual(p);
	});

	it('holds every readable point once (drafts and community items left out)', () => {
		expect(points.length).toBeGreaterThan(400);
		expect(points.length).toBeLessThan(600);
		expect(pyramid.pointCount).toBe(points.length);
		const world = pyramid.cells({ z: 0, x: 0, y: 0 });
		expect(world.reduce((s, c) => s + c.n, 0)).toBe(points.length);
	});

	for (const z of [1, 3, 5, 8, 11, 12, 13, 14, 16]) {
		it(`z${z}: inside cells equal the SQL tile (count, position ±1, tags); seams hold at least as much`, async () => {
			// Tiles around several items, so dense and sparse places are both compared.
			const tiles = new Map<string, TileCoord>();
			for (let i = 0; i < points.length; i += Math.ceil(points.length / 12)) {
				const t = tileContaining(points[i][0], points[i][1], z);
				tiles.set(`${t.x}/${t.y}`, t);
			}
			let compared = 0;
			for (const tile of tiles.values()) {
				const sql = decodeTile(await db.tiles.itemsTile(tile, anonymous, {}));
				const pyr = await pyramidTile(tile);
				const pyrInside = pyr.filter(inside);
				for (const f of sql.filter(inside)) {
					const i = pyrInside.findIndex(
						(g) =>
							g.props.count === f.props.count &&
							Math.abs(g.x - f.x) <= 1 &&
							Math.abs(g.y - f.y) <= 1 &&
							g.id === f.id
					);
					const where = `z${z} ${tile.x}/${tile.y}: no pyramid feature for ${JSON.stringify(f)}`;
					expect(i, where).toBeGreaterThanOrEqual(0);
					expect(pyrInside[i].props).toEqual(f.props);
					pyrInside.splice(i, 1);
					compared += 1;
				}
				expect(pyrInside).toEqual([]);
				expect(total(pyr)).toBeGreaterThanOrEqual(total(sql));
				expect(total(pyr.filter((f) => !inside(f)))).toBeGreaterThanOrEqual(
					total(sql.filter((f) => !inside(f)))
				);
			}
			expect(compared).toBeGreaterThan(0);
		});
	}

	it('a kind filter gives the SQL tile at every zoom, seams included', async () => {
		const kinds = { kinds: ['site' as const, 'practice' as const] };
		let compared = 0;
		for (const z of [2, 5, 9, 12, 13, 15]) {
			for (let i = 0; i < points.length; i += Math.ceil(points.length / 8)) {
				const tile = tileContaining(points[i][0], points[i][1], z);
				const sql = decodeTile(await db.tiles.itemsTile(tile, anonymous, { filter: kinds }));
				const pyr = decodeTile(pyramid.encode(pyramid.filteredCells(tile, kinds)));
				expect(pyr.map((f) => f.props)).toEqual(sql.map((f) => f.props));
				pyr.forEach((f, j) => {
					expect(Math.abs(f.x - sql[j].x)).toBeLessThanOrEqual(1);
					expect(Math.abs(f.y - sql[j].y)).toBeLessThanOrEqual(1);
				});
				compared += sql.length;
			}
		}
		expect(compared).toBeGreaterThan(0);
		expect(pyramid.answers({ kinds: ['site'] })).toBe(true);
		expect(pyramid.answers({ kinds: ['site'], province: 'kon-tum' })).toBe(false);
		expect(pyramid.answers({ ethnicGroups: [] })).toBe(true);
	});

	it(`above z${PYRAMID_MAX_ZOOM} a tile equals the SQL tile, seams included`, async () => {
		let compared = 0;
		for (const z of [14, 15, 17]) {
			for (let i = 0; i < points.length; i += Math.ceil(points.length / 10)) {
				const tile = tileContaining(points[i][0], points[i][1], z);
				const sql = decodeTile(await db.tiles.itemsTile(tile, anonymous, {}));
				const pyr = await pyramidTile(tile);
				expect(pyr.map((f) => f.props)).toEqual(sql.map((f) => f.props));
				pyr.forEach((f, j) => {
					expect(Math.abs(f.x - sql[j].x)).toBeLessThanOrEqual(1);
					expect(Math.abs(f.y - sql[j].y)).toBeLessThanOrEqual(1);
				});
				compared += sql.length;
			}
		}
		expect(compared).toBeGreaterThan(0);
	});

	it('builds the same in slices (buildAsync) as in one go', async () => {
		const input = await db.tiles.pointsForPyramid(anonymous);
		const slow = await TilePyramid.buildAsync(input);
		for (const tile of [
			{ z: 0, x: 0, y: 0 },
			tileContaining(points[0][0], points[0][1], 9),
			tileContaining(points[5][0], points[5][1], 13)
		]) {
			expect(slow.cells(tile)).toEqual(pyramid.cells(tile));
		}
	});
});

describe('TileService with the pyramid', () => {
	let changes: ItemChangeNotifier;
	let clock: number;
	const KON_TUM: [number, number] = [108.0186, 14.3545];
	const Z5 = tileContaining(KON_TUM[0], KON_TUM[1], 5);
	const service = () =>
		new TileService({ tiles: db.tiles, changes, now: () => clock, ttlMs: 1_000 });
	const count = async (s: TileService, tile: TileCoord, viewer = ANONYMOUS) => {
		const r = await s.itemsTile(viewer, tile);
		return r.body ? total(decodeTile(r.body)) : 0;
	};

	beforeEach(async () => {
		await db.truncateAll();
		changes = new ItemChangeNotifier();
		clock = 1_000_000;
	});

	it('builds once in the background for anonymous tiles, not for staff or filters', async () => {
		await db.items.createMany([buildItemAt(KON_TUM), buildItemAt([108.02, 14.36])]);
		const s = service();
		const tiles = [
			Z5,
			{ z: 3, x: 6, y: 3 },
			tileContaining(KON_TUM[0], KON_TUM[1], 13),
			tileContaining(KON_TUM[0], KON_TUM[1], 16)
		];
		// Answered by SQL while the pyramid builds, then by the pyramid: the same counts.
		expect(await Promise.all(tiles.map((t) => count(s, t)))).toEqual([2, 2, 2, 1]);
		await s.settled();
		expect(s.pyramidBuilds).toBe(1);
		s.clearCaches();
		expect(await Promise.all(tiles.map((t) => count(s, t)))).toEqual([2, 2, 2, 1]);
		// A kind filter is answered by the same pyramid; other filters by SQL.
		await s.itemsTile(ANONYMOUS, Z5, { kinds: ['site'] });
		await s.itemsTile(ANONYMOUS, Z5, { province: 'kon-tum' });
		await s.settled();
		expect(s.pyramidBuilds).toBe(1);
		// A signed-in scope gets its own (exact points, drafts).
		await db.items.create(buildItemAt(KON_TUM, { status: 'draft' }));
		changes.changed();
		await count(s, Z5, { kind: 'staff', userId: 1 });
		await s.settled();
		expect(await count(s, Z5, { kind: 'staff', userId: 1 })).toBe(3);
		expect(await count(s, Z5)).toBe(2);
		await s.settled();
		expect(s.pyramidBuilds).toBe(3);
	});

	it('runs one build at a time: changes during a build start the next one after it', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		let reads = 0;
		const tiles: TileRepository = {
			tileProps: (ids) => db.tiles.tileProps(ids),
			itemsStamp: (scope) => db.tiles.itemsStamp(scope),
			itemsTile: (...args) => db.tiles.itemsTile(...args),
			pointsForPyramid: async (scope) => {
				reads += 1;
				await gate;
				return db.tiles.pointsForPyramid(scope);
			}
		};
		const s = new TileService({ tiles, changes, now: () => clock, cacheBytes: 0 });
		expect(await count(s, Z5)).toBe(1);
		await db.items.create(buildItemAt(KON_TUM));
		changes.changed();
		expect(await count(s, Z5)).toBe(2);
		changes.changed();
		expect(await count(s, Z5)).toBe(2);
		expect(reads).toBe(1);
		release();
		await s.settled();
		// The finished build is already stale: the next tile starts one more, SQL answers meanwhile.
		expect(await count(s, Z5)).toBe(2);
		await s.settled();
		expect(reads).toBe(2);
		expect(s.pyramidBuilds).toBe(2);
		expect(await count(s, Z5)).toBe(2);
	});

	it('builds the public pyramid at start when asked (buildAtStart), before any tile', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const s = new TileService({ tiles: db.tiles, changes, buildAtStart: true });
		await s.settled();
		expect(s.pyramidBuilds).toBe(1);
		expect(s.pyramidBytes).toBeGreaterThan(0);
		expect(await count(s, Z5)).toBe(1);
		expect(s.pyramidBuilds).toBe(1);
	});

	it('keeps at most maxPyramids scopes, dropping the least recently used', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const s = new TileService({ tiles: db.tiles, changes, now: () => clock, maxPyramids: 2 });
		const member = (g: number): Viewer => ({ kind: 'member', userId: g, groups: [`g${g}`] });
		for (const v of [ANONYMOUS, member(1), ANONYMOUS, member(2), ANONYMOUS]) {
			await s.prepare(v);
		}
		expect(s.pyramidBuilds).toBe(3);
		// member(1) was the least recently used: dropped when member(2) came.
		await s.prepare(member(1));
		expect(s.pyramidBuilds).toBe(4);
	});

	it('keeps tags as tileProps reads them: cover, one language, none when empty', async () => {
		const a = await db.items.create(
			buildItemAt(KON_TUM, { kind: 'structure', title: { vi: 'Nhà rông Kon Klor', en: '' } })
		);
		const b = await db.items.create(buildItemAt([108.02, 14.36], { title: { en: 'Gong hall' } }));
		await db.media.create(buildMedia({ itemId: a.id, kind: 'image', position: 1 }));
		const cover = await db.media.create(buildMedia({ itemId: a.id, kind: 'image', position: 0 }));
		const built = TilePyramid.build(await db.tiles.pointsForPyramid(anonymous));
		const tags = built.tags([a.id, b.id, 999_999]);
		expect(tags.get(a.id)).toEqual((await db.tiles.tileProps([a.id]))[0]);
		expect(tags.get(a.id)).toMatchObject({ cover: cover.id, title_en: null, kind: 'structure' });
		expect(tags.get(b.id)).toEqual((await db.tiles.tileProps([b.id]))[0]);
		expect(tags.has(999_999)).toBe(false);
	});

	it('never makes a tile wait for the build: SQL answers until the pyramid is ready', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		let release: () => void = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		let sqlTiles = 0;
		const tiles: TileRepository = {
			tileProps: (ids) => db.tiles.tileProps(ids),
			itemsStamp: (scope) => db.tiles.itemsStamp(scope),
			itemsTile: (...args) => {
				sqlTiles += 1;
				return db.tiles.itemsTile(...args);
			},
			pointsForPyramid: async (scope) => {
				await gate;
				return db.tiles.pointsForPyramid(scope);
			}
		};
		const s = new TileService({ tiles, changes, now: () => clock, cacheBytes: 0 });
		const ready = s.prepare();
		expect(ready).not.toBeNull();
		expect(await count(s, Z5)).toBe(1);
		expect(sqlTiles).toBe(1);
		release();
		await ready;
		expect(await count(s, Z5)).toBe(1);
		expect(sqlTiles).toBe(1);
		expect(s.pyramidBuilds).toBe(1);
		expect(new TileService({ tiles, changes, pyramid: false }).prepare()).toBeNull();
	});

	it('answers a crowded tile above z13 on its own grid, as SQL does', async () => {
		// 4 500 items in the middle of one z16 tile (about 600 m wide): more than MAX_TILE_FEATURES.
		const tile = tileContaining(KON_TUM[0], KON_TUM[1], 16);
		const box = tileBBox(tile);
		const [w, h] = [(box.east - box.west) / 100, (box.north - box.south) / 100];
		const crowd = Array.from({ length: 4_500 }, (_, i) =>
			buildItemAt([box.west + (20 + (i % 67)) * w, box.south + (20 + Math.floor(i / 67)) * h])
		);
		await db.items.createMany(crowd);
		const s = service();
		await s.prepare();
		const sql = decodeTile(await db.tiles.itemsTile(tile, anonymous, {}));
		const pyr = decodeTile((await s.itemsTile(ANONYMOUS, tile)).body!);
		expect(sql.some((f) => Number(f.props.count) > 1)).toBe(true);
		expect(pyr.map((f) => f.props.count)).toEqual(sql.map((f) => f.props.count));
		expect(total(pyr)).toBe(total(sql));
	}, 60_000);

	it('shows edited tags after a change (the tag cache is dropped with the pyramid)', async () => {
		const item = await db.items.create(buildItemAt(KON_TUM, { title: { vi: 'Cũ' } }));
		const s = service();
		const z13 = tileContaining(KON_TUM[0], KON_TUM[1], 13);
		const title = async () => {
			const r = await s.itemsTile(ANONYMOUS, z13);
			return decodeTile(r.body!)[0].props.title_vi;
		};
		expect(await title()).toBe('Cũ');
		await db.items.update(item.id, { title: { vi: 'Mới' } });
		changes.changed();
		expect(await title()).toBe('Mới');
	});

	it('rebuilds after a local change, and sees another process write within the recheck', async () => {
		await db.items.create(buildItemAt(KON_TUM));
		const s = service();
		expect(await count(s, Z5)).toBe(1);
		await s.settled();
		await db.items.create(buildItemAt(KON_TUM));
		changes.changed();
		// SQL answers (fresh) while the pyramid rebuilds.
		expect(await count(s, Z5)).toBe(2);
		await s.settled();
		expect(s.pyramidBuilds).toBe(2);
		expect(await count(s, Z5)).toBe(2);
		// A write nobody announced (another node): noticed by the stamp check after 60 s, which
		// runs in the background while the current pyramid still answers.
		await db.items.create(buildItemAt(KON_TUM));
		clock += 30_000;
		expect(await count(s, Z5)).toBe(2);
		clock += 31_000;
		await count(s, Z5);
		await s.settled();
		expect(await count(s, Z5)).toBe(3);
		expect(s.pyramidBuilds).toBe(3);
		// Nothing changed: the check costs one stamp query, no rebuild.
		clock += 61_000;
		await count(s, Z5);
		await s.settled();
		expect(await count(s, Z5)).toBe(3);
		expect(s.pyramidBuilds).toBe(3);
	});
});
