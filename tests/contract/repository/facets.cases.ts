/**
 * ItemRepository.facets: counts for the map's filter panel, disjunctive (each facet ignores its
 * own filter), under the access scope, within a bbox (antimeridian too) and a search text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemFacets, ItemFilter, LngLat } from '$lib/domain/types';
import { ValidationError } from '$lib/server/errors';
import { buildItemAt } from '../../support/factories/item.factory';
import { seedTerms } from '../../support/factories/vocabulary.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';

const KON_TUM: LngLat = [108.0186, 14.3545];
const place = (province: string | null) => ({ province, district: null, commune: null });
const span = (startYear: number | null, endYear: number | null) => ({
	startYear,
	endYear,
	label: {}
});

export function facetCases(ctx: ContractContext): void {
	describe('items: facets', () => {
		beforeEach(async () => {
			await seedTerms(ctx.db);
			await ctx.db.items.createMany([
				// a: the Bahnar communal house, with a Bahnar title.
				buildItemAt(KON_TUM, {
					slug: 'a',
					kind: 'site',
					title: { vi: 'Nhà rông Kon Klor', en: 'Kon Klor communal house', bdq: 'Rông Kon Klor' },
					ethnicGroups: ['bahnar'],
					time: span(1800, 1900)
				}),
				buildItemAt([108.2, 14.5], {
					slug: 'b',
					kind: 'practice',
					title: { vi: 'Lễ hội đâm trâu', en: 'Buffalo festival' },
					ethnicGroups: ['bahnar', 'sedang'],
					place: place('Gia Lai'),
					time: span(1850, null)
				}),
				buildItemAt([105.96, 21.11], {
					slug: 'c',
					kind: 'structure',
					title: { vi: 'Thành cổ' },
					ethnicGroups: ['kinh'],
					place: place('Bắc Ninh'),
					time: span(-200, 100)
				}),
				buildItemAt([108.0, 14.3], { slug: 'd', kind: 'site' }),
				buildItemAt([179.5, -17], { slug: 'h', kind: 'site', place: place(null) }),
				buildItemAt([-179.5, -17], { slug: 'i', kind: 'site', place: place(null) }),
				// Never counted for the public: a draft, a community item, a staff-only item.
				buildItemAt(KON_TUM, {
					slug: 'draft',
					status: 'draft',
					kind: 'event',
					ethnicGroups: ['sedang'],
					title: { vi: 'Nháp', bdq: 'Nháp' },
					time: span(1000, 1000)
				}),
				buildItemAt(KON_TUM, {
					slug: 'community',
					visibility: 'community',
					communityGroups: ['xo-dang-kon-tum'],
					kind: 'event',
					ethnicGroups: ['sedang'],
					place: place('Gia Lai')
				}),
				buildItemAt(KON_TUM, { slug: 'staff', visibility: 'staff', kind: 'person' })
			]);
		});

		const facets = (opts: Parameters<typeof ctx.db.items.facets>[1] = {}, scope = anonymous) =>
			ctx.db.items.facets(scope, opts);
		const brief = (f: ItemFacets) => ({
			total: f.total,
			kinds: f.kinds.map((c) => `${c.code}:${c.count}`),
			ethnicGroups: f.ethnicGroups.map((c) => `${c.code}:${c.count}`),
			provinces: f.provinces.map((c) => `${c.code}:${c.count}`),
			languages: f.languages.map((c) => `${c.code}:${c.count}`)
		});

		it('counts every readable item, ordered by count then code, with a year timeline', async () => {
			const f = await facets();
			expect(brief(f)).toEqual({
				total: 6,
				kinds: ['site:4', 'practice:1', 'structure:1'],
				ethnicGroups: ['bahnar:2', 'kinh:1', 'sedang:1'],
				provinces: ['Kon Tum:2', 'Bắc Ninh:1', 'Gia Lai:1'],
				languages: ['vi:6', 'en:5', 'bdq:1']
			});
			expect(f.years.min).toBe(-200);
			expect(f.years.max).toBe(1900);
			// 2,100 years in at most 40 buckets: 100-year buckets from -200 to 1999.
			expect(f.years.buckets).toHaveLength(22);
			expect(f.years.buckets[0]).toEqual({ from: -200, to: -101, count: 1 });
			const byFrom = new Map(f.years.buckets.map((b) => [b.from, b.count]));
			expect([-100, 0, 100, 200, 1700, 1800, 1900].map((y) => byFrom.get(y))).toEqual([
				1, 1, 1, 0, 0, 2, 1
			]);
			for (const [i, b] of f.years.buckets.entries()) {
				expect(b.to - b.from).toBe(99);
				if (i > 0) expect(b.from).toBe(f.years.buckets[i - 1].to + 1);
			}
		});

		it('is disjunctive: each facet ignores its own filter and applies the others', async () => {
			const sites = await facets({ filter: { kinds: ['site'] } });
			expect(brief(sites)).toEqual({
				total: 4,
				kinds: ['site:4', 'practice:1', 'structure:1'],
				ethnicGroups: ['bahnar:1'],
				provinces: ['Kon Tum:2'],
				languages: ['en:4', 'vi:4', 'bdq:1']
			});
			// Only `a` has a dated span among the sites: 10-year buckets 1800–1909.
			expect(sites.years).toMatchObject({ min: 1800, max: 1900 });
			expect(sites.years.buckets).toHaveLength(11);
			expect(sites.years.buckets.every((b) => b.count === 1)).toBe(true);

			const both = await facets({ filter: { kinds: ['site'], ethnicGroups: ['bahnar'] } });
			expect(brief(both)).toMatchObject({
				total: 1,
				kinds: ['practice:1', 'site:1'],
				ethnicGroups: ['bahnar:1']
			});

			const bahnarText = await facets({ filter: { textLang: 'bdq' } });
			expect(brief(bahnarText)).toMatchObject({
				total: 1,
				kinds: ['site:1'],
				languages: ['vi:6', 'en:5', 'bdq:1']
			});

			const years = await facets({ filter: { fromYear: 1850, toYear: 1950 } });
			expect(brief(years)).toMatchObject({ total: 2, kinds: ['practice:1', 'site:1'] });
			expect(years.years).toMatchObject({ min: -200, max: 1900 });

			const province = await facets({ filter: { province: 'Kon Tum' } });
			expect(brief(province)).toMatchObject({
				total: 2,
				kinds: ['site:2'],
				provinces: ['Kon Tum:2', 'Bắc Ninh:1', 'Gia Lai:1']
			});
		});

		it('never counts what the scope cannot read', async () => {
			expect((await facets({}, memberOf('xo-dang-kon-tum'))).total).toBe(7);
			const all = await facets({}, staff);
			expect(brief(all)).toMatchObject({
				total: 9,
				kinds: ['site:4', 'event:2', 'person:1', 'practice:1', 'structure:1'],
				ethnicGroups: ['sedang:3', 'bahnar:2', 'kinh:1']
			});
			expect(all.years.min).toBe(-200);
			const bahnarText = await facets({ filter: { textLang: 'bdq' } }, staff);
			expect(bahnarText.total).toBe(2);
		});

		it('counts only the items in a bbox, also across the antimeridian', async () => {
			const highlands = await facets({ bbox: { west: 107, south: 13, east: 109, north: 15 } });
			expect(brief(highlands)).toMatchObject({
				total: 3,
				kinds: ['site:2', 'practice:1'],
				provinces: ['Kon Tum:2', 'Gia Lai:1']
			});
			const pacific = await facets({ bbox: { west: 179, south: -18, east: -179, north: -16 } });
			expect(brief(pacific)).toEqual({
				total: 2,
				kinds: ['site:2'],
				ethnicGroups: [],
				provinces: [],
				languages: ['en:2', 'vi:2']
			});
			expect(pacific.years).toEqual({ min: null, max: null, buckets: [] });
			await expect(
				facets({ bbox: { west: 0, south: 10, east: 1, north: 5 } })
			).rejects.toBeInstanceOf(ValidationError);
		});

		it('counts only items matching the search text (folded, prefix on the last word)', async () => {
			expect(brief(await facets({ q: 'nha rong' }))).toMatchObject({
				total: 1,
				kinds: ['site:1']
			});
			expect((await facets({ q: 'Nhà rô' })).total).toBe(1);
			const festival = await facets({ q: 'le hoi', filter: { kinds: ['site'] } });
			expect(brief(festival)).toMatchObject({ total: 0, kinds: ['practice:1'] });
			expect((await facets({ q: '!!!' })).total).toBe(0);
			expect((await facets({ q: '   ' })).total).toBe(6);
		});

		it('facetRows pages the readable items by id with their facet fields', async () => {
			const first = await ctx.db.items.facetRows(anonymous, { afterId: 0, limit: 4 });
			const rest = await ctx.db.items.facetRows(anonymous, {
				afterId: first[first.length - 1].id,
				limit: 100
			});
			const rows = [...first, ...rest];
			expect(first).toHaveLength(4);
			expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => a - b));
			expect(rows).toHaveLength(6);
			const a = rows[0];
			expect({
				...a,
				ethnicGroups: [...a.ethnicGroups].sort(),
				titleLangs: [...a.titleLangs].sort()
			}).toEqual({
				id: a.id,
				lng: KON_TUM[0],
				lat: KON_TUM[1],
				kind: 'site',
				province: 'Kon Tum',
				spanStart: 1800,
				spanEnd: 1900,
				ethnicGroups: ['bahnar'],
				titleLangs: ['bdq', 'en', 'vi']
			});
			const b = rows[1];
			expect([b.spanStart, b.spanEnd, b.province]).toEqual([1850, 1850, 'Gia Lai']);
			expect(rows.find((r) => r.kind === 'structure')?.titleLangs).toEqual(['vi']);
			expect((await ctx.db.items.facetRows(staff, { afterId: 0, limit: 100 })).length).toBe(9);
		});

		it('applies the collection filter to every facet and forgets counts after writes', async () => {
			const rows = await ctx.db.items.list(staff, { limit: 20, offset: 0 });
			const id = (slug: string) => rows.items.find((s) => s.slug === slug)!.id;
			await ctx.db.collections.create({
				slug: 'tay-nguyen',
				title: { vi: 'Tây Nguyên' },
				description: {},
				status: 'published',
				visibility: 'public',
				itemIds: [id('a'), id('b'), id('draft')]
			});
			const filter: ItemFilter = { collection: 'tay-nguyen', kinds: ['site'] };
			expect(brief(await facets({ filter }))).toMatchObject({
				total: 1,
				kinds: ['practice:1', 'site:1']
			});
			expect((await facets({ filter: { collection: 'khong-co' } })).total).toBe(0);
			await ctx.db.items.update(id('b'), { kind: 'site' });
			expect(brief(await facets({ filter }))).toMatchObject({ total: 2, kinds: ['site:2'] });
		});
	});
}
