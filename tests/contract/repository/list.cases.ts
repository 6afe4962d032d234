import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemFilter } from '$lib/domain/types';
import { MAX_LIMIT } from '$lib/server/db/ports';
import { buildItem } from '../../support/factories/item.factory';
import { buildMedia } from '../../support/factories/media.factory';
import { seedTerms } from '../../support/factories/vocabulary.factory';
import { anonymous, staff, type ContractContext } from './context';

export function listCases(ctx: ContractContext): void {
	describe('items: list', () => {
		beforeEach(async () => {
			await seedTerms(ctx.db);
		});

		it('orders newest first and pages with no duplicates or gaps', async () => {
			const ids = await ctx.db.items.createMany(Array.from({ length: 23 }, () => buildItem()));
			const seen: number[] = [];
			for (let offset = 0; offset < 30; offset += 5) {
				const page = await ctx.db.items.list(anonymous, { limit: 5, offset });
				expect(page).toMatchObject({ total: 23, limit: 5, offset });
				seen.push(...page.items.map((s) => s.id));
			}
			expect(seen).toEqual([...ids].sort((a, b) => b - a));
		});

		it('keeps count and list totals current through writes and rollbacks', async () => {
			const total = async () =>
				[
					await ctx.db.items.count(anonymous),
					(await ctx.db.items.list(anonymous, { limit: 1, offset: 0 })).total,
					(await ctx.db.items.list(anonymous, { limit: 1, offset: 0 }, { kinds: ['site'] })).total
				].join();
			expect(await total()).toBe('0,0,0');
			const [a] = await ctx.db.items.createMany([buildItem(), buildItem({ kind: 'event' })]);
			expect(await total()).toBe('2,2,1');
			await ctx.db.items.update(a, { status: 'draft' });
			expect(await total()).toBe('1,1,0');
			await expect(
				ctx.db.transaction(async (tx) => {
					await tx.items.create(buildItem());
					expect(await tx.items.count(anonymous)).toBe(2);
					throw new Error('rollback');
				})
			).rejects.toThrow('rollback');
			expect(await total()).toBe('1,1,0');
			await ctx.db.items.delete(a);
			await ctx.db.items.create(buildItem());
			expect(await total()).toBe('2,2,1');
			await ctx.db.truncateAll();
			expect(await total()).toBe('0,0,0');
		});

		it('caps the page size at MAX_LIMIT', async () => {
			await ctx.db.items.createMany(Array.from({ length: MAX_LIMIT + 3 }, () => buildItem()));
			const page = await ctx.db.items.list(anonymous, { limit: 5000, offset: 0 });
			expect(page.items).toHaveLength(MAX_LIMIT);
			expect(page.limit).toBe(MAX_LIMIT);
			expect(page.total).toBe(MAX_LIMIT + 3);
		});

		it('returns summaries with the cover image and sorted ethnic groups', async () => {
			const item = await ctx.db.items.create(
				buildItem({
					title: { vi: 'Cồng chiêng', en: 'Gong culture', sed: 'Cing' },
					summary: { vi: 'Không gian văn hoá' },
					ethnicGroups: ['sedang', 'bahnar'],
					time: { startYear: 1500, endYear: null, label: {} },
					location: { point: [108.1, 14.2], geometry: null, precision: 'exact' }
				})
			);
			await ctx.db.media.create(buildMedia({ itemId: item.id, kind: 'audio', position: 0 }));
			await ctx.db.media.create(buildMedia({ itemId: item.id, kind: 'image', position: 2 }));
			const cover = await ctx.db.media.create(
				buildMedia({ itemId: item.id, kind: 'image', position: 1 })
			);
			const page = await ctx.db.items.list(anonymous, { limit: 10, offset: 0 });
			expect(page.items).toEqual([
				{
					id: item.id,
					slug: item.slug,
					kind: 'site',
					title: { vi: 'Cồng chiêng', en: 'Gong culture', sed: 'Cing' },
					summary: { vi: 'Không gian văn hoá' },
					publicPoint: [108.1, 14.2],
					province: 'Kon Tum',
					startYear: 1500,
					endYear: null,
					ethnicGroups: ['bahnar', 'sedang'],
					coverMediaId: cover.id
				}
			]);
		});

		describe('filters', () => {
			let ids: Record<string, number>;
			beforeEach(async () => {
				const [dongSon, nguyen, gong, village, undated, pointDate] = await ctx.db.items.createMany([
					buildItem({
						kind: 'artefact',
						place: { province: 'Thanh Hoá', district: null, commune: null },
						time: { startYear: -700, endYear: -100, label: { vi: 'Văn hoá Đông Sơn' } },
						ethnicGroups: ['kinh']
					}),
					buildItem({
						kind: 'structure',
						place: { province: 'Thừa Thiên Huế', district: null, commune: null },
						time: { startYear: 1802, endYear: 1945, label: { vi: 'Nhà Nguyễn' } },
						ethnicGroups: ['kinh']
					}),
					buildItem({
						kind: 'practice',
						time: { startYear: -200, endYear: 2024, label: {} },
						ethnicGroups: ['bahnar', 'sedang']
					}),
					buildItem({
						kind: 'site',
						time: { startYear: 1993, endYear: 1993, label: {} },
						ethnicGroups: ['bahnar']
					}),
					buildItem({ kind: 'site' }),
					// A single known year: the span is [1500, 1500].
					buildItem({
						kind: 'document',
						place: { province: null, district: null, commune: null },
						time: { startYear: 1500, endYear: null, label: {} }
					})
				]);
				ids = { dongSon, nguyen, gong, village, undated, pointDate };
			});

			const listed = async (filter: ItemFilter) =>
				(await ctx.db.items.list(staff, { limit: 100, offset: 0 }, filter)).items
					.map((s) => s.id)
					.sort((a, b) => a - b);
			const want = (...keys: string[]) => keys.map((k) => ids[k]).sort((a, b) => a - b);

			it('by kinds', async () => {
				expect(await listed({ kinds: ['site'] })).toEqual(want('village', 'undated'));
				expect(await listed({ kinds: ['artefact', 'practice'] })).toEqual(want('dongSon', 'gong'));
			});

			it('by ethnic groups (any of)', async () => {
				expect(await listed({ ethnicGroups: ['sedang'] })).toEqual(want('gong'));
				expect(await listed({ ethnicGroups: ['bahnar'] })).toEqual(want('gong', 'village'));
				expect(await listed({ ethnicGroups: ['kinh', 'sedang'] })).toEqual(
					want('dongSon', 'nguyen', 'gong')
				);
			});

			it('by province', async () => {
				expect(await listed({ province: 'Thanh Hoá' })).toEqual(want('dongSon'));
				expect(await listed({ province: 'Kon Tum' })).toEqual(want('gong', 'village', 'undated'));
			});

			it('by overlapping years, including BCE', async () => {
				expect(await listed({ fromYear: -150, toYear: 0 })).toEqual(want('dongSon', 'gong'));
				expect(await listed({ fromYear: -100, toYear: -100 })).toEqual(want('dongSon', 'gong'));
				expect(await listed({ fromYear: -99, toYear: 1801 })).toEqual(want('gong', 'pointDate'));
				expect(await listed({ fromYear: 1500, toYear: 1500 })).toEqual(want('gong', 'pointDate'));
				expect(await listed({ fromYear: 1501, toYear: 1700 })).toEqual(want('gong'));
				expect(await listed({ fromYear: 1945 })).toEqual(want('nguyen', 'gong', 'village'));
				expect(await listed({ toYear: -700 })).toEqual(want('dongSon'));
			});

			it('combined, with total counting the filtered rows', async () => {
				const page = await ctx.db.items.list(
					staff,
					{ limit: 1, offset: 0 },
					{ kinds: ['practice', 'site'], ethnicGroups: ['bahnar'], fromYear: 2000 }
				);
				expect(page.total).toBe(1);
				expect(page.items.map((s) => s.id)).toEqual([ids.gong]);
			});
		});
	});
}
