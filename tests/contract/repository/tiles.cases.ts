import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '$lib/domain/types';
import {
	ITEM_TILE_LAYER,
	MAX_TILE_FEATURES,
	projectToTile,
	tileBBox,
	tileContaining,
	TILE_EXTENT,
	type TileCoord
} from '$lib/geo/tiles';
import { publicPointFor } from '$lib/geo/generalise';
import { pyramidTagsAt } from '$lib/server/db/pyramid-tags';
import { ValidationError } from '$lib/server/errors';
import { buildItemAt } from '../../support/factories/item.factory';
import { buildMedia } from '../../support/factories/media.factory';
import { seedTerms } from '../../support/factories/vocabulary.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';

interface Decoded {
	x: number;
	y: number;
	id: number | undefined;
	props: Record<string, string | number | boolean>;
}

export function decodeTile(bytes: Buffer, extent = TILE_EXTENT): Decoded[] {
	if (bytes.length === 0) return [];
	const tile = new VectorTile(new PbfReader(bytes));
	const layer = tile.layers[ITEM_TILE_LAYER];
	if (!layer) return [];
	expect(layer.extent).toBe(extent);
	return Array.from({ length: layer.length }, (_, i) => {
		const f = layer.feature(i);
		expect(f.type).toBe(1);
		const [[p]] = f.loadGeometry();
		return { x: p.x, y: p.y, id: f.id, props: f.properties };
	});
}

const KON_TUM: LngLat = [108.0186, 14.3545];
const at = (p: LngLat, z: number) => tileContaining(p[0], p[1], z);

export function tileCases(ctx: ContractContext): void {
	describe('tiles: item vector tiles', () => {
		const read = async (tile: TileCoord, scope = anonymous, filter = {}) =>
			decodeTile(await ctx.db.tiles.itemsTile(tile, scope, { filter }));

		it('a z14 tile holds an item at its tile position with its properties', async () => {
			const item = await ctx.db.items.create(
				buildItemAt(KON_TUM, { kind: 'structure', title: { vi: 'Nhà rông', en: 'Communal house' } })
			);
			await ctx.db.media.create(buildMedia({ itemId: item.id, kind: 'image', position: 1 }));
			const cover = await ctx.db.media.create(
				buildMedia({ itemId: item.id, kind: 'image', position: 0 })
			);
			const tile = at(KON_TUM, 14);
			const features = await read(tile);
			expect(features).toHaveLength(1);
			const [px, py] = projectToTile(KON_TUM[0], KON_TUM[1], tile);
			expect(Math.abs(features[0].x - px)).toBeLessThanOrEqual(1);
			expect(Math.abs(features[0].y - py)).toBeLessThanOrEqual(1);
			expect(features[0].props).toEqual({
				id: item.id,
				kind: 'structure',
				title_vi: 'Nhà rông',
				title_en: 'Communal house',
				cover: cover.id,
				count: 1
			});
			expect(features[0].id).toBe(item.id);
			const small = decodeTile(await ctx.db.tiles.itemsTile(tile, anonymous, { extent: 512 }), 512);
			const [sx, sy] = projectToTile(KON_TUM[0], KON_TUM[1], tile, 512);
			expect(Math.abs(small[0].x - sx)).toBeLessThanOrEqual(1);
			expect(Math.abs(small[0].y - sy)).toBeLessThanOrEqual(1);
		});

		it('an item without image or English title has no cover and no title_en', async () => {
			const item = await ctx.db.items.create(buildItemAt(KON_TUM, { title: { vi: 'Đình' } }));
			const [f] = await read(at(KON_TUM, 15));
			expect(f.props).toEqual({ id: item.id, kind: 'site', title_vi: 'Đình', count: 1 });
		});

		it('an empty tile is an empty buffer; a bad tile is a ValidationError', async () => {
			await ctx.db.items.create(buildItemAt(KON_TUM));
			expect((await ctx.db.tiles.itemsTile({ z: 14, x: 0, y: 0 }, anonymous, {})).length).toBe(0);
			await expect(ctx.db.tiles.itemsTile({ z: 3, x: 8, y: 0 }, anonymous, {})).rejects.toThrow(
				ValidationError
			);
			await expect(
				ctx.db.tiles.itemsTile({ z: 3, x: 1, y: 1 }, anonymous, { extent: 1000 })
			).rejects.toThrow(/power of two/);
		});

		it('drafts, staff-only and other communities are absent for anonymous, present for staff', async () => {
			const mk = (o: Parameters<typeof buildItemAt>[1]) =>
				ctx.db.items.create(buildItemAt(KON_TUM, o)).then((i) => i.id);
			const pub = await mk({});
			const draft = await mk({ status: 'draft' });
			const staffOnly = await mk({ visibility: 'staff' });
			const comX = await mk({ visibility: 'community', communityGroups: ['lang-x'] });
			const ids = async (scope = anonymous) =>
				(await read(at(KON_TUM, 16), scope)).map((f) => f.props.id).sort();
			// One cell at z12 would merge them; z16 keeps each item its own feature.
			expect(await ids()).toEqual([pub]);
			expect(await ids(memberOf('lang-y'))).toEqual([pub]);
			expect(await ids(memberOf('lang-x'))).toEqual([pub, comX].sort());
			expect(await ids(staff)).toEqual([pub, draft, staffOnly, comX].sort());
		});

		it('a region-precision item appears at its generalised point for anonymous, true for staff', async () => {
			// Far enough from its public point that the two fall in different z14 tiles.
			const truePoint: LngLat = [108.0186, 14.2545];
			const item = await ctx.db.items.create(buildItemAt(truePoint, {}, 'region'));
			const pub = publicPointFor(truePoint, 'region')!;
			const trueTile = at(truePoint, 14);
			const pubTile = at(pub, 14);
			expect(trueTile).not.toEqual(pubTile);
			expect(await read(trueTile)).toEqual([]);
			const [f] = await read(pubTile);
			expect(f.props.id).toBe(item.id);
			const [px, py] = projectToTile(pub[0], pub[1], pubTile);
			expect(Math.abs(f.x - px)).toBeLessThanOrEqual(1);
			expect(Math.abs(f.y - py)).toBeLessThanOrEqual(1);
			expect((await read(trueTile, staff)).map((s) => s.props.id)).toEqual([item.id]);
			const hidden = await ctx.db.items.create(buildItemAt(truePoint, {}, 'hidden'));
			expect((await read(trueTile, staff)).map((s) => s.props.id).sort()).toEqual(
				[item.id, hidden.id].sort()
			);
		});

		it('at low zoom N items in one cell become one feature with count N at their mean', async () => {
			const pts: LngLat[] = [
				// Inside one z5 cell (cells are 0.1875° wide from 101.25°), away from its edges.
				[108.05, 14.05],
				[108.06, 14.06],
				[108.07, 14.07]
			];
			await ctx.db.items.createMany(pts.map((p) => buildItemAt(p)));
			const lone = await ctx.db.items.create(buildItemAt([104.0, 12.0], { title: { vi: 'Xa' } }));
			const tile: TileCoord = { z: 5, x: 25, y: 14 };
			const features = await read(tile);
			expect(features).toHaveLength(2);
			const cluster = features.find((f) => f.props.count === 3)!;
			expect(cluster.props).toEqual({ count: 3 });
			const mean = pts.map((p) => projectToTile(p[0], p[1], tile));
			const mx = mean.reduce((s, p) => s + p[0], 0) / 3;
			const my = mean.reduce((s, p) => s + p[1], 0) / 3;
			expect(Math.abs(cluster.x - mx)).toBeLessThanOrEqual(1);
			expect(Math.abs(cluster.y - my)).toBeLessThanOrEqual(1);
			const single = features.find((f) => f.props.count === 1)!;
			expect(single.props).toMatchObject({ id: lone.id, title_vi: 'Xa', kind: 'site' });
			// The whole world at z0 still counts all four.
			const world = await read({ z: 0, x: 0, y: 0 });
			expect(world.reduce((s, f) => s + Number(f.props.count), 0)).toBe(4);
		});

		it('filters apply: kind, ethnic group, province and years', async () => {
			await seedTerms(ctx.db);
			const [site, practice] = await ctx.db.items.createMany([
				buildItemAt(KON_TUM, { kind: 'site', ethnicGroups: ['bahnar'] }),
				buildItemAt(KON_TUM, {
					kind: 'practice',
					place: { province: 'Gia Lai', district: null, commune: null },
					time: { startYear: 1800, endYear: 1900, label: {} }
				})
			]);
			const ids = async (filter: object) =>
				(await read(at(KON_TUM, 14), anonymous, filter)).map((f) => f.props.id);
			expect(await ids({ kinds: ['practice'] })).toEqual([practice]);
			expect(await ids({ ethnicGroups: ['bahnar'] })).toEqual([site]);
			expect(await ids({ province: 'Gia Lai' })).toEqual([practice]);
			expect(await ids({ fromYear: 1850, toYear: 2000 })).toEqual([practice]);
			expect(await ids({ kinds: ['event'] })).toEqual([]);
		});

		it('the buffer wraps the antimeridian: a point at -179.99 shows beside the 179.99 edge', async () => {
			const east = await ctx.db.items.create(buildItemAt([179.999, -17]));
			const west = await ctx.db.items.create(buildItemAt([-179.999, -17]));
			const z = 10;
			const lastX = 2 ** z - 1;
			const eastTile = at([179.999, -17], z);
			expect(eastTile.x).toBe(lastX);
			const fe = await read(eastTile);
			expect(fe.map((f) => f.props.id).sort()).toEqual([east.id, west.id].sort());
			const wrapped = fe.find((f) => f.props.id === west.id)!;
			expect(wrapped.x).toBeGreaterThan(TILE_EXTENT);
			expect(wrapped.x).toBeLessThan(TILE_EXTENT + 64);
			const westTile = at([-179.999, -17], z);
			expect(westTile.x).toBe(0);
			const fw = await read(westTile);
			const across = fw.find((f) => f.props.id === east.id)!;
			expect(across.x).toBeLessThan(0);
			expect(across.x).toBeGreaterThan(-64);
			// Clustering keeps the two sides apart: each is its own cell.
			const low = await read({ z: 3, x: 7, y: 4 });
			expect(low.map((f) => f.props.count)).toEqual([1, 1]);
		});

		it('never carries more than MAX_TILE_FEATURES features', async () => {
			// 4 200 items on a 70×60 lattice inside one z16 tile: too many to list singly.
			const tile = at([108.001, 14.001], 16);
			const b = tileBBox(tile);
			const inputs = Array.from({ length: 4_200 }, (_, i) =>
				buildItemAt([
					b.west + ((i % 70) + 0.5) * ((b.east - b.west) / 70),
					b.south + (Math.floor(i / 70) + 0.5) * ((b.north - b.south) / 60)
				])
			);
			await ctx.db.items.createMany(inputs);
			const features = await read(tile);
			expect(features.length).toBeLessThanOrEqual(MAX_TILE_FEATURES);
			expect(features.reduce((s, f) => s + Number(f.props.count), 0)).toBe(4_200);
		});

		// --- tile pyramid port methods (services/tile-pyramid.ts) ---
		it('pointsForPyramid: anonymous gets published public items at their public point, id order', async () => {
			const mk = (p: LngLat, o: Parameters<typeof buildItemAt>[1], precision?: 'region') =>
				ctx.db.items.create(buildItemAt(p, o, precision)).then((i) => i.id);
			const exact = await mk(KON_TUM, {});
			await mk(KON_TUM, { status: 'draft' });
			await mk(KON_TUM, { visibility: 'staff' });
			await mk(KON_TUM, { visibility: 'community', communityGroups: ['lang-x'] });
			const truePoint: LngLat = [108.0186, 14.2545];
			const region = await mk(truePoint, {}, 'region');
			const pub = publicPointFor(truePoint, 'region')!;
			const got = await ctx.db.tiles.pointsForPyramid(anonymous);
			expect(got.ids).toBeInstanceOf(Int32Array);
			expect([...got.ids]).toEqual([exact, region]);
			expect([...got.lng]).toEqual([KON_TUM[0], pub[0]]);
			expect([...got.lat]).toEqual([KON_TUM[1], pub[1]]);
			expect(pub).not.toEqual(truePoint);
			const all = await ctx.db.tiles.pointsForPyramid(staff);
			expect(all.ids.length).toBe(5);
			expect(all.lng[4]).toBe(truePoint[0]);
		});

		it("pointsForPyramid carries each point's tags, as tileProps gives them", async () => {
			const a = await ctx.db.items.create(
				buildItemAt(KON_TUM, { kind: 'structure', title: { vi: 'Nhà rông', en: '' } })
			);
			const b = await ctx.db.items.create(
				buildItemAt([108.02, 14.36], { kind: 'practice', title: { en: 'Gong music' } })
			);
			await ctx.db.media.create(buildMedia({ itemId: a.id, kind: 'image', position: 1 }));
			const cover = await ctx.db.media.create(
				buildMedia({ itemId: a.id, kind: 'image', position: 0 })
			);
			const got = await ctx.db.tiles.pointsForPyramid(anonymous);
			expect([...got.ids]).toEqual([a.id, b.id]);
			const tags = got.tags!;
			expect(tags.kindIndex).toHaveLength(2);
			const at = (i: number) => pyramidTagsAt(tags, i, got.ids[i]);
			expect(at(0)).toEqual({
				id: a.id,
				kind: 'structure',
				title_vi: 'Nhà rông',
				title_en: null,
				cover: cover.id
			});
			expect([at(0), at(1)]).toEqual(
				(await ctx.db.tiles.tileProps([a.id, b.id])).sort((x, y) => x.id - y.id)
			);
		});

		it('tileProps gives the single-item tags; itemsStamp moves when readable items change', async () => {
			const item = await ctx.db.items.create(
				buildItemAt(KON_TUM, { kind: 'structure', title: { vi: 'Nhà rông' } })
			);
			const cover = await ctx.db.media.create(buildMedia({ itemId: item.id, kind: 'image' }));
			expect(await ctx.db.tiles.tileProps([item.id, 999_999])).toEqual([
				{ id: item.id, kind: 'structure', title_vi: 'Nhà rông', title_en: null, cover: cover.id }
			]);
			expect(await ctx.db.tiles.tileProps([])).toEqual([]);
			const before = await ctx.db.tiles.itemsStamp(anonymous);
			expect(await ctx.db.tiles.itemsStamp(anonymous)).toBe(before);
			await ctx.db.items.update(item.id, { title: { vi: 'Nhà rông mới' } });
			const updated = await ctx.db.tiles.itemsStamp(anonymous);
			expect(updated).not.toBe(before);
			await ctx.db.items.delete(item.id);
			expect(await ctx.db.tiles.itemsStamp(anonymous)).not.toBe(updated);
		});
	});
}
