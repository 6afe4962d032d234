import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import vocabulariesFile from '../../../../db/seed/vocabularies.json';
import { decodeTile } from '../../../../tests/contract/repository/tiles.cases';
import { buildItemAt } from '../../../../tests/support/factories/item.factory';
import { tileContaining, TILE_EXTENT, type TileCoord } from '../../geo/tiles';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { parseVocabularies } from '../seed/demo-data';
import { generateSyntheticItems } from '../seed/synthetic';
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

	const pyramidTile = async (tile: TileCoord) => {
		const cells = pyramid.cells(tile);
		const props = await db.tiles.tileProps(cells.filter((c) => c.n === 1).map((c) => c.oneId));
		return decodeTile(encodeCells(cells, new Map(props.map((p) => [p.id, p]))));
	};

	it('holds every readable point once (drafts and community items left out)', () => {
		expect(points.length).toBeGreaterThan(400);
		expect(points.length).toBeLessThan(600);
		expect(pyramid.pointCount).toBe(points.length);
		const world = pyramid.cells({ z: 0, x: 0, y: 0 });
		expect(world.reduce((s, c) => s + c.n, 0)).toBe(points.length);
	});

	for (const z of [1, 3, 5, 8, 11, 12, 13]) {
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

	it('refuses zooms above its top; the service keeps those on SQL', () => {
		expect(() => pyramid.cells({ z: PYRAMID_MAX_ZOOM + 1, x: 0, y: 0 })).toThrow(/zoom 13/);
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

	it('builds once for concurrent anonymous tiles, not for staff, filters or z14', async () => {
		await db.items.createMany([buildItemAt(KON_TUM), buildItemAt([108.02, 14.36])]);
		const s = service();
		const tiles = [Z5, { z: 3, x: 6, y: 3 }, tileContaining(KON_TUM[0], KON_TUM[1], 13)];
		const counts = await Promise.all(tiles.map((t) => count(s, t)));
		expect(counts).toEqual([2, 2, 2]);
		expect(s.pyramidBuilds).toBe(1);
		await count(s, Z5, { kind: 'staff', userId: 1 });
		await s.itemsTile(ANONYMOUS, Z5, { kinds: ['site'] });
		await count(s, tileContaining(KON_TUM[0], KON_TUM[1], 14));
		expect(s.pyramidBuilds).toBe(1);
	});

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
		await db.items.create(buildItemAt(KON_TUM));
		changes.changed();
		expect(await count(s, Z5)).toBe(2);
		expect(s.pyramidBuilds).toBe(2);
		// A write nobody announced (another node): noticed by the stamp check after 60 s.
		await db.items.create(buildItemAt(KON_TUM));
		clock += 30_000;
		expect(await count(s, Z5)).toBe(2);
		clock += 31_000;
		expect(await count(s, Z5)).toBe(3);
		expect(s.pyramidBuilds).toBe(3);
		// Nothing changed: the check costs one stamp query, no rebuild.
		clock += 61_000;
		expect(await count(s, Z5)).toBe(3);
		expect(s.pyramidBuilds).toBe(3);
	});
});
