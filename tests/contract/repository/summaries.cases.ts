/**
 * Summaries may be served from a copy written with the item (items.summary_doc on both engines),
 * so every read that returns summaries must show the item as it is now: after updates, media
 * changes and rolled-back transactions.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ItemSummary } from '$lib/domain/types';
import { buildItem } from '../../support/factories/item.factory';
import { buildMedia } from '../../support/factories/media.factory';
import { seedTerms } from '../../support/factories/vocabulary.factory';
import { anonymous, type ContractContext } from './context';

const HERE: [number, number] = [108.1, 14.2];
const BOX = { west: 108, south: 14.1, east: 108.2, north: 14.3 };

export function summaryCases(ctx: ContractContext): void {
	describe('items: summaries stay current', () => {
		beforeEach(async () => {
			await seedTerms(ctx.db);
		});

		/** The item's summary from every read that returns summaries (search by `words`). */
		async function everyRead(id: number, words: string): Promise<ItemSummary[]> {
			const found = [
				(await ctx.db.items.list(anonymous, { limit: 50, offset: 0 })).items,
				await ctx.db.items.findInBBox(BOX, anonymous, { limit: 50 }),
				await ctx.db.items.nearest(HERE, anonymous, { limit: 50 }),
				await ctx.db.items.search(words, anonymous, { limit: 50 })
			].map((list) => list.find((s) => s.id === id));
			expect(found.every((s) => s !== undefined)).toBe(true);
			return found.map((s) => {
				const { meters, score, ...summary } = s as ItemSummary & {
					meters?: number;
					score?: number;
				};
				void [meters, score];
				return summary;
			});
		}

		it('show the latest titles, summaries and ethnic groups after updates', async () => {
			const item = await ctx.db.items.create(
				buildItem({
					title: { vi: 'Nhà rông cũ', en: 'Old communal house' },
					summary: { vi: 'Tóm tắt cũ' },
					ethnicGroups: ['bahnar'],
					location: { point: HERE, geometry: null, precision: 'exact' }
				})
			);
			await ctx.db.items.update(item.id, {
				title: { vi: 'Nhà rông Kon Klor' },
				summary: { en: 'Rebuilt in 1990' },
				ethnicGroups: ['sedang', 'bahnar']
			});
			for (const s of await everyRead(item.id, 'kon klor')) {
				expect(s).toMatchObject({
					title: { vi: 'Nhà rông Kon Klor' },
					summary: { en: 'Rebuilt in 1990' },
					ethnicGroups: ['bahnar', 'sedang']
				});
				expect(s.title).not.toHaveProperty('en');
				expect(s.summary).not.toHaveProperty('vi');
			}

			// An update that leaves the texts alone keeps them, and shows its own change.
			await ctx.db.items.update(item.id, { kind: 'structure', ethnicGroups: [] });
			for (const s of await everyRead(item.id, 'kon klor')) {
				expect(s).toMatchObject({
					kind: 'structure',
					title: { vi: 'Nhà rông Kon Klor' },
					summary: { en: 'Rebuilt in 1990' },
					ethnicGroups: []
				});
			}
		});

		it('follow the cover image as images are added and deleted', async () => {
			const item = await ctx.db.items.create(
				buildItem({
					title: { vi: 'Tháp Chăm' },
					location: { point: HERE, geometry: null, precision: 'exact' }
				})
			);
			const covers = async () => (await everyRead(item.id, 'thap cham')).map((s) => s.coverMediaId);
			expect(await covers()).toEqual([null, null, null, null]);

			const second = await ctx.db.media.create(
				buildMedia({ itemId: item.id, kind: 'image', position: 2 })
			);
			expect(await covers()).toEqual(Array(4).fill(second.id));
			const first = await ctx.db.media.create(
				buildMedia({ itemId: item.id, kind: 'image', position: 1 })
			);
			expect(await covers()).toEqual(Array(4).fill(first.id));

			await ctx.db.media.delete(first.id);
			expect(await covers()).toEqual(Array(4).fill(second.id));
			await ctx.db.media.delete(second.id);
			expect(await covers()).toEqual([null, null, null, null]);
		});

		it('show the committed texts when a transaction that changed them rolls back', async () => {
			const item = await ctx.db.items.create(
				buildItem({
					title: { vi: 'Đình làng Đông Ngạc' },
					location: { point: HERE, geometry: null, precision: 'exact' }
				})
			);
			await expect(
				ctx.db.transaction(async (tx) => {
					await tx.items.update(item.id, { title: { vi: 'Tên tạm' }, ethnicGroups: ['bahnar'] });
					throw new Error('rollback');
				})
			).rejects.toThrow('rollback');
			for (const s of await everyRead(item.id, 'dong ngac')) {
				expect(s.title).toEqual({ vi: 'Đình làng Đông Ngạc' });
				expect(s.ethnicGroups).toEqual([]);
			}
		});
	});
}
