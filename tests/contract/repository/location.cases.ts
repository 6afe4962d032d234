import { describe, expect, it } from 'vitest';
import type { LngLat } from '$lib/domain/types';
import { MAX_LIMIT } from '$lib/server/db/ports';
import { haversineMeters } from '$lib/geo/distance';
import { publicPointFor } from '$lib/geo/generalise';
import { buildItem, buildItemAt } from '../../support/factories/item.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';

const TRUE_POINT: LngLat = [108.0186, 14.3545];
const WORLD = { west: -180, south: -90, east: 180, north: 90 };
const square = (lng: number, lat: number, d: number) => ({
	type: 'Polygon' as const,
	coordinates: [
		[
			[lng - d, lat - d],
			[lng + d, lat - d],
			[lng + d, lat + d],
			[lng - d, lat + d],
			[lng - d, lat - d]
		]
	]
});

export function locationCases(ctx: ContractContext): void {
	describe('items: public point', () => {
		it('exact keeps the point; approximate and region are generalised; hidden is null', async () => {
			const mk = (precision: 'exact' | 'approximate' | 'region' | 'hidden') =>
				ctx.db.items.create(buildItemAt(TRUE_POINT, {}, precision));
			expect((await mk('exact')).publicPoint).toEqual(TRUE_POINT);
			expect((await mk('approximate')).publicPoint).toEqual(
				publicPointFor(TRUE_POINT, 'approximate')
			);
			expect((await mk('region')).publicPoint).toEqual([108.1, 14.3]);
			expect((await mk('hidden')).publicPoint).toBeNull();
			expect((await ctx.db.items.create(buildItemAt(null))).publicPoint).toBeNull();
		});

		it('non-staff viewers see the public point as location.point, and no boundary', async () => {
			const created = await ctx.db.items.create(
				buildItem({
					location: {
						point: TRUE_POINT,
						geometry: square(108.0186, 14.3545, 0.001),
						precision: 'region'
					}
				})
			);
			for (const scope of [anonymous, memberOf('x')]) {
				const seen = await ctx.db.items.getById(created.id, scope);
				expect(seen?.location).toEqual({
					point: [108.1, 14.3],
					geometry: null,
					precision: 'region'
				});
				expect(seen?.publicPoint).toEqual([108.1, 14.3]);
			}
			const staffView = await ctx.db.items.getById(created.id, staff);
			expect(staffView?.location.point).toEqual(TRUE_POINT);
			expect(staffView?.location.geometry).toEqual(square(108.0186, 14.3545, 0.001));
		});

		it('exact items keep their boundary for everyone', async () => {
			const geometry = square(105.85, 21.03, 0.002);
			const created = await ctx.db.items.create(
				buildItem({ location: { point: [105.85, 21.03], geometry, precision: 'exact' } })
			);
			expect((await ctx.db.items.getById(created.id, anonymous))?.location).toEqual({
				point: [105.85, 21.03],
				geometry,
				precision: 'exact'
			});
		});

		it('hidden items show no point to non-staff', async () => {
			const created = await ctx.db.items.create(buildItemAt(TRUE_POINT, {}, 'hidden'));
			const seen = await ctx.db.items.getById(created.id, anonymous);
			expect(seen?.location.point).toBeNull();
			expect(seen?.publicPoint).toBeNull();
		});

		it('the true point of a generalised item never leaks through any non-staff read', async () => {
			const created = await ctx.db.items.create(
				buildItem({
					slug: 'mo-tang-bi-mat',
					title: { vi: 'Khu mộ táng', en: 'Burial ground' },
					location: {
						point: TRUE_POINT,
						geometry: square(108.0186, 14.3545, 0.0003),
						precision: 'approximate'
					}
				})
			);
			const pub = publicPointFor(TRUE_POINT, 'approximate')!;
			const reads = [
				await ctx.db.items.getById(created.id, anonymous),
				await ctx.db.items.getBySlug(created.slug, anonymous),
				await ctx.db.items.list(anonymous, { limit: 10, offset: 0 }),
				await ctx.db.items.findInBBox(WORLD, anonymous, { limit: 10 }),
				await ctx.db.items.nearest(TRUE_POINT, anonymous, { limit: 10 }),
				await ctx.db.items.search('burial', anonymous, { limit: 10 })
			];
			for (const r of reads) {
				const text = JSON.stringify(r);
				expect(text).toContain(String(pub[0]));
				expect(text).not.toContain('108.0186');
				expect(text).not.toContain('14.3545');
			}
			const [near] = await ctx.db.items.nearest(TRUE_POINT, anonymous, { limit: 1 });
			expect(Math.abs(near.meters - haversineMeters(TRUE_POINT, pub))).toBeLessThan(1);
		});
	});

	describe('items: findInBBox', () => {
		const box = { west: 105, south: 20, east: 106, north: 21 };

		it('includes points on every edge and excludes a point just outside', async () => {
			const inside = await ctx.db.items.createMany([
				buildItemAt([105, 20]),
				buildItemAt([106, 21]),
				buildItemAt([105, 21]),
				buildItemAt([105.5, 20.5])
			]);
			await ctx.db.items.createMany([
				buildItemAt([106.000001, 20.5]),
				buildItemAt([105.5, 19.999999]),
				buildItemAt([104.9999, 21.00001]),
				buildItemAt(null)
			]);
			const found = await ctx.db.items.findInBBox(box, anonymous, { limit: 100 });
			expect(found.map((s) => s.id)).toEqual([...inside].sort((a, b) => a - b));
		});

		it('finds both sides of an antimeridian-crossing box and nothing in between', async () => {
			const [east, west] = await ctx.db.items.createMany([
				buildItemAt([179.5, 0]),
				buildItemAt([-179.5, 0]),
				buildItemAt([0, 0]),
				buildItemAt([169.9, 0])
			]);
			const found = await ctx.db.items.findInBBox(
				{ west: 170, south: -10, east: -170, north: 10 },
				anonymous,
				{ limit: 100 }
			);
			expect(found.map((s) => s.id)).toEqual([east, west]);
		});

		it('orders by id ascending and caps at limit and at MAX_LIMIT', async () => {
			const ids = await ctx.db.items.createMany(
				Array.from({ length: MAX_LIMIT + 5 }, (_, i) => buildItemAt([105.1 + (i % 50) / 100, 20.5]))
			);
			const three = await ctx.db.items.findInBBox(box, anonymous, { limit: 3 });
			expect(three.map((s) => s.id)).toEqual(ids.slice(0, 3));
			const capped = await ctx.db.items.findInBBox(box, anonymous, { limit: 10_000 });
			expect(capped).toHaveLength(MAX_LIMIT);
			expect(capped.map((s) => s.id)).toEqual(ids.slice(0, MAX_LIMIT));
		});

		it('uses the public point for non-staff and the true point for staff', async () => {
			const item = await ctx.db.items.create(buildItemAt(TRUE_POINT, {}, 'region'));
			const aroundTrue = { west: 108.01, south: 14.35, east: 108.03, north: 14.36 };
			const aroundPublic = { west: 108.09, south: 14.29, east: 108.11, north: 14.31 };
			expect(await ctx.db.items.findInBBox(aroundTrue, anonymous, { limit: 10 })).toEqual([]);
			const pub = await ctx.db.items.findInBBox(aroundPublic, anonymous, { limit: 10 });
			expect(pub.map((s) => s.id)).toEqual([item.id]);
			expect(pub[0].publicPoint).toEqual([108.1, 14.3]);
			const st = await ctx.db.items.findInBBox(aroundTrue, staff, { limit: 10 });
			expect(st.map((s) => s.id)).toEqual([item.id]);
		});

		it('never returns hidden items to non-staff', async () => {
			await ctx.db.items.create(buildItemAt(TRUE_POINT, {}, 'hidden'));
			expect(await ctx.db.items.findInBBox(WORLD, anonymous, { limit: 10 })).toEqual([]);
			expect(await ctx.db.items.findInBBox(WORLD, staff, { limit: 10 })).toHaveLength(1);
		});

		it('applies the item filter', async () => {
			const [site] = await ctx.db.items.createMany([
				buildItemAt([105.5, 20.5], { kind: 'site' }),
				buildItemAt([105.6, 20.5], { kind: 'practice' })
			]);
			const found = await ctx.db.items.findInBBox(box, anonymous, {
				limit: 10,
				filter: { kinds: ['site'] }
			});
			expect(found.map((s) => s.id)).toEqual([site]);
		});
	});

	describe('items: nearest', () => {
		const here: LngLat = [108.0, 14.0];

		it('orders by great-circle distance, in metres matching haversine within 1 m', async () => {
			const points: LngLat[] = [
				[108.3, 14.0],
				[108.01, 14.0],
				[108.0, 14.05],
				[107.0, 15.0]
			];
			const ids = await ctx.db.items.createMany(points.map((p) => buildItemAt(p)));
			const near = await ctx.db.items.nearest(here, anonymous, { limit: 10 });
			expect(near.map((n) => n.id)).toEqual([ids[1], ids[2], ids[0], ids[3]]);
			near.forEach((n, i) => {
				const p = points[ids.indexOf(n.id)];
				expect(Math.abs(n.meters - haversineMeters(here, p))).toBeLessThan(1);
				if (i > 0) expect(n.meters).toBeGreaterThanOrEqual(near[i - 1].meters);
			});
		});

		it('respects limit and maxMeters', async () => {
			const ids = await ctx.db.items.createMany([
				buildItemAt([108.01, 14.0]),
				buildItemAt([108.05, 14.0]),
				buildItemAt([108.5, 14.0])
			]);
			expect((await ctx.db.items.nearest(here, anonymous, { limit: 1 })).map((n) => n.id)).toEqual([
				ids[0]
			]);
			const within = await ctx.db.items.nearest(here, anonymous, { limit: 10, maxMeters: 10_000 });
			expect(within.map((n) => n.id)).toEqual([ids[0], ids[1]]);
			expect(within.every((n) => n.meters <= 10_000)).toBe(true);
		});

		it('breaks distance ties by id', async () => {
			const ids = await ctx.db.items.createMany([
				buildItemAt([108.02, 14.0]),
				buildItemAt([108.01, 14.0]),
				buildItemAt([108.01, 14.0]),
				buildItemAt([108.01, 14.0])
			]);
			const near = await ctx.db.items.nearest(here, anonymous, { limit: 4 });
			expect(near.map((n) => n.id)).toEqual([ids[1], ids[2], ids[3], ids[0]]);
		});

		it('looks across the antimeridian', async () => {
			const [far, across] = await ctx.db.items.createMany([
				buildItemAt([179.0, 0]),
				buildItemAt([-179.9, 0])
			]);
			const near = await ctx.db.items.nearest([179.9, 0], anonymous, { limit: 2 });
			expect(near.map((n) => n.id)).toEqual([across, far]);
			expect(near[0].meters).toBeLessThan(25_000);
		});

		it('skips items without a visible point and outside the scope', async () => {
			const [visible] = await ctx.db.items.createMany([
				buildItemAt([108.5, 14.0]),
				buildItemAt([108.0, 14.0], {}, 'hidden'),
				buildItemAt(null),
				buildItemAt([108.0, 14.0], { status: 'draft' })
			]);
			const near = await ctx.db.items.nearest(here, anonymous, { limit: 10 });
			expect(near.map((n) => n.id)).toEqual([visible]);
			expect(await ctx.db.items.nearest(here, staff, { limit: 10 })).toHaveLength(3);
		});
	});
}
