/**
 * The map's filters `textLang` and `collection` (added with the facets) on every item read:
 * list (and its total), bbox, nearest, search and tiles; and CollectionRepository.list.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemFilter, LngLat } from '$lib/domain/types';
import { tileContaining } from '$lib/geo/tiles';
import { buildItemAt } from '../../support/factories/item.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';
import { decodeTile } from './tiles.cases';

const KON_TUM: LngLat = [108.0186, 14.3545];
const BOX = { west: 107, south: 13, east: 109, north: 15 };

export function mapFilterCases(ctx: ContractContext): void {
	describe('items: textLang and collection filters', () => {
		let ids: { bahnar: number; summaryOnly: number; plain: number; draft: number };

		beforeEach(async () => {
			const [bahnar, summaryOnly, plain, draft] = await ctx.db.items.createMany([
				buildItemAt(KON_TUM, {
					title: { vi: 'Nhà rông Kon Klor', bdq: 'Rông Kon Klor' },
					summary: { vi: 'Nhà rông của người Ba Na' }
				}),
				// A Bahnar summary but no Bahnar title: not "in" Bahnar for the filter.
				buildItemAt([108.0191, 14.355], {
					title: { vi: 'Làng Kon Kơ Tu' },
					summary: { vi: 'Làng', bdq: 'Plei' }
				}),
				buildItemAt([108.0196, 14.3555], { title: { vi: 'Làng Plei Chuet' } }),
				buildItemAt([108.0181, 14.354], {
					status: 'draft',
					title: { vi: 'Làng nháp', bdq: 'Plei nháp' }
				})
			]);
			ids = { bahnar, summaryOnly, plain, draft };
			await ctx.db.collections.create({
				slug: 'nha-rong',
				title: { vi: 'Nhà rông', en: 'Communal houses' },
				description: {},
				status: 'published',
				visibility: 'public',
				itemIds: [plain, bahnar, draft]
			});
			await ctx.db.collections.create({
				slug: 'bo-suu-tap-nhap',
				title: { vi: 'Bộ sưu tập nháp' },
				description: {},
				status: 'draft',
				visibility: 'public',
				itemIds: [summaryOnly, draft]
			});
			await ctx.db.collections.create({
				slug: 'noi-bo',
				title: { vi: 'Nội bộ' },
				description: {},
				status: 'published',
				visibility: 'staff',
				itemIds: [plain]
			});
		});

		const everyRead = async (filter: ItemFilter, scope = anonymous) => {
			const listed = await ctx.db.items.list(scope, { limit: 50, offset: 0 }, filter);
			const boxed = await ctx.db.items.findInBBox(BOX, scope, { limit: 50, filter });
			const near = await ctx.db.items.nearest(KON_TUM, scope, { limit: 50, filter });
			const found = await ctx.db.items.search('lang', scope, { limit: 50, filter });
			const foundRong = await ctx.db.items.search('rong', scope, { limit: 50, filter });
			const tile = decodeTile(
				await ctx.db.tiles.itemsTile(tileContaining(KON_TUM[0], KON_TUM[1], 14), scope, {
					filter
				})
			);
			const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
			return {
				list: sorted(listed.items.map((s) => s.id)),
				total: listed.total,
				bbox: boxed.map((s) => s.id),
				nearest: sorted(near.map((s) => s.id)),
				search: sorted([...found, ...foundRong].map((s) => s.id)),
				tiles: sorted(tile.filter((t) => t.props.count === 1).map((t) => Number(t.props.id)))
			};
		};

		it('textLang keeps items with a non-empty title in that language, on every read', async () => {
			const r = await everyRead({ textLang: 'bdq' });
			expect(r).toEqual({
				list: [ids.bahnar],
				total: 1,
				bbox: [ids.bahnar],
				nearest: [ids.bahnar],
				search: [ids.bahnar],
				tiles: [ids.bahnar]
			});
			expect((await everyRead({ textLang: 'bdq' }, staff)).list).toEqual([ids.bahnar, ids.draft]);
			expect((await everyRead({ textLang: 'xyz' })).list).toEqual([]);
		});

		it('collection keeps the readable members of a readable collection, on every read', async () => {
			const members = [ids.bahnar, ids.plain].sort((a, b) => a - b);
			expect(await everyRead({ collection: 'nha-rong' })).toEqual({
				list: members,
				total: 2,
				bbox: members,
				nearest: members,
				search: members,
				tiles: members
			});
			// Staff also see the draft member.
			expect((await everyRead({ collection: 'nha-rong' }, staff)).total).toBe(3);
		});

		it('a collection outside the scope, or unknown, matches nothing (not an error)', async () => {
			const none = { list: [], total: 0, bbox: [], nearest: [], search: [], tiles: [] };
			expect(await everyRead({ collection: 'bo-suu-tap-nhap' })).toEqual(none);
			expect(await everyRead({ collection: 'noi-bo' }, memberOf('x'))).toEqual(none);
			expect(await everyRead({ collection: 'khong-co' })).toEqual(none);
			expect((await everyRead({ collection: 'bo-suu-tap-nhap' }, staff)).list).toEqual(
				[ids.summaryOnly, ids.draft].sort((a, b) => a - b)
			);
			expect((await everyRead({ collection: 'noi-bo' }, staff)).list).toEqual([ids.plain]);
		});

		it('combines with the other filters', async () => {
			expect(
				(await everyRead({ collection: 'nha-rong', textLang: 'bdq', kinds: ['site'] })).list
			).toEqual([ids.bahnar]);
			expect((await everyRead({ collection: 'nha-rong', kinds: ['event'] })).list).toEqual([]);
		});

		it('collection totals follow a collection created after a count was read', async () => {
			expect(
				(await ctx.db.items.list(anonymous, { limit: 1, offset: 0 }, { collection: 'moi' })).total
			).toBe(0);
			await ctx.db.collections.create({
				slug: 'moi',
				title: { vi: 'Mới' },
				description: {},
				status: 'published',
				visibility: 'public',
				itemIds: [ids.plain]
			});
			expect(
				(await ctx.db.items.list(anonymous, { limit: 1, offset: 0 }, { collection: 'moi' })).total
			).toBe(1);
		});

		it('collections.deleteBySlug removes the collection and its filter, not its items', async () => {
			expect(await ctx.db.collections.deleteBySlug('nha-rong')).toBe(true);
			expect(await ctx.db.collections.deleteBySlug('nha-rong')).toBe(false);
			expect(await ctx.db.collections.getBySlug('nha-rong', staff)).toBeNull();
			expect((await everyRead({ collection: 'nha-rong' })).total).toBe(0);
			expect(await ctx.db.items.getById(ids.plain, anonymous)).not.toBeNull();
		});

		it('collections.list shows readable collections in id order with readable item counts', async () => {
			const brief = async (scope = anonymous) =>
				(await ctx.db.collections.list(scope)).map((c) => [c.slug, c.itemCount]);
			expect(await brief()).toEqual([['nha-rong', 2]]);
			expect(await brief(memberOf('x'))).toEqual([['nha-rong', 2]]);
			expect(await brief(staff)).toEqual([
				['nha-rong', 3],
				['bo-suu-tap-nhap', 2],
				['noi-bo', 1]
			]);
			const [first] = await ctx.db.collections.list(anonymous);
			expect(first).toEqual({
				id: expect.any(Number),
				slug: 'nha-rong',
				title: { vi: 'Nhà rông', en: 'Communal houses' },
				description: {},
				status: 'published',
				visibility: 'public',
				itemCount: 2
			});
		});
	});
}
