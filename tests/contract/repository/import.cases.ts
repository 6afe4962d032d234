import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '$lib/server/errors';
import type { NewItem } from '$lib/domain/types';
import { buildItem, buildItemAt } from '../../support/factories/item.factory';
import { anonymous, staff, type ContractContext } from './context';

/** Batches of `size` items titled with their index, at points spread over Kon Tum. */
function batches(count: number, size: number, prefix: string): NewItem[][] {
	return Array.from({ length: count }, (_, b) =>
		Array.from({ length: size }, (_, k) => {
			const n = b * size + k;
			return buildItemAt([107.5 + n * 0.001, 14.5], {
				slug: `${prefix}-${n}`,
				title: { vi: `Nhà rông số ${n}`, en: `Communal house ${n}` }
			});
		})
	);
}

async function* lazily(list: NewItem[][]): AsyncGenerator<NewItem[]> {
	for (const batch of list) {
		await new Promise((r) => setTimeout(r, 1));
		yield batch;
	}
}

export function importCases(ctx: ContractContext): void {
	describe('items: importMany', () => {
		it('imports every batch (sync or async), reports progress, and search/bbox work after', async () => {
			const before = await ctx.db.items.create(buildItem({ slug: 'co-san' }));
			const progress: number[] = [];
			const n = await ctx.db.items.importMany(lazily(batches(3, 4, 'nhap')), (d) =>
				progress.push(d)
			);
			expect(n).toBe(12);
			expect(progress).toEqual([4, 8, 12]);
			expect(await ctx.db.items.importMany([[buildItem({ slug: 'dong-bo' })], []])).toBe(1);
			expect(await ctx.db.items.count(staff)).toBe(14);
			expect(await ctx.db.items.getById(before.id, staff)).toEqual(before);

			const hit = await ctx.db.items.search('nha rong so 7', anonymous, { limit: 20 });
			expect(hit.map((h) => h.slug)).toEqual(['nhap-7']);
			const english = await ctx.db.items.search('communal house 11', anonymous, { limit: 20 });
			expect(english.map((h) => h.slug)).toEqual(['nhap-11']);
			const inBox = await ctx.db.items.findInBBox(
				{ west: 107.5025, south: 14.49, east: 107.5055, north: 14.51 },
				anonymous,
				{ limit: 50 }
			);
			expect(inBox.map((s) => s.slug)).toEqual(['nhap-3', 'nhap-4', 'nhap-5']);
			expect((await ctx.db.items.getBySlug('nhap-0', staff))?.title.vi).toBe('Nhà rông số 0');
			// Ordinary writes still keep their rules afterwards.
			await expect(ctx.db.items.create(buildItem({ slug: 'nhap-5' }))).rejects.toBeInstanceOf(
				ConflictError
			);
		});

		it('a bad record in a later batch leaves nothing of any batch', async () => {
			await ctx.db.items.create(buildItem({ slug: 'co-san' }));
			const list = batches(3, 3, 'hong');
			list[2][1] = buildItem({ slug: 'sai-ma', ethnicGroups: ['khong-co-ma-nay'] });
			await expect(ctx.db.items.importMany(lazily(list))).rejects.toBeInstanceOf(ValidationError);
			expect(await ctx.db.items.count(staff)).toBe(1);
			expect(await ctx.db.items.search('nha rong', anonymous, { limit: 20 })).toEqual([]);
			const all = { west: 107, south: 14, east: 108, north: 15 };
			expect((await ctx.db.items.findInBBox(all, anonymous, { limit: 50 })).length).toBe(1);
			// The database is left fully usable: a later import works and is found.
			expect(await ctx.db.items.importMany(batches(2, 2, 'lai'))).toBe(4);
			expect(
				(await ctx.db.items.search('nha rong so 3', anonymous, { limit: 20 })).map((h) => h.slug)
			).toEqual(['lai-3']);
		});

		it('a slug taken before or repeated across batches is a ConflictError and rolls back all', async () => {
			await ctx.db.items.create(buildItem({ slug: 'co-san' }));
			const clash = batches(2, 2, 'trung');
			clash[1][0] = buildItem({ slug: 'co-san' });
			await expect(ctx.db.items.importMany(clash)).rejects.toThrow(/co-san/);
			const repeated = batches(2, 2, 'lap');
			repeated[1][1] = buildItem({ slug: 'lap-0' });
			await expect(ctx.db.items.importMany(repeated)).rejects.toBeInstanceOf(ConflictError);
			expect(await ctx.db.items.count(staff)).toBe(1);
			expect(await ctx.db.items.getBySlug('trung-0', staff)).toBeNull();
		});

		it('inside a transaction it joins it: a later throw rolls the import back', async () => {
			const boom = new Error('boom');
			await expect(
				ctx.db.transaction(async (tx) => {
					expect(await tx.items.importMany(batches(2, 2, 'tx'))).toBe(4);
					expect(await tx.items.getBySlug('tx-3', staff)).not.toBeNull();
					throw boom;
				})
			).rejects.toBe(boom);
			expect(await ctx.db.items.count(staff)).toBe(0);
			expect(await ctx.db.items.search('nha rong', anonymous, { limit: 20 })).toEqual([]);
		});
	});
}
