import { describe, expect, it } from 'vitest';
import type { Item } from '$lib/domain/types';
import { buildItem } from '../../support/factories/item.factory';
import { buildMedia } from '../../support/factories/media.factory';
import { buildTerm } from '../../support/factories/vocabulary.factory';
import { staff, type ContractContext } from './context';

export function transactionCases(ctx: ContractContext): void {
	describe('transaction', () => {
		it('rolls back every write made through tx when fn throws, and rethrows', async () => {
			const before = await ctx.db.items.create(buildItem({ slug: 'co-tu-truoc' }));
			const boom = new Error('boom');
			await expect(
				ctx.db.transaction(async (tx) => {
					await tx.vocabularies.upsert([buildTerm('subject', 'textile')]);
					const item = await tx.items.create(
						buildItem({ slug: 'trong-giao-dich', subjects: ['textile'] })
					);
					await tx.media.create(buildMedia({ itemId: item.id, sha256: 'f'.repeat(64) }));
					await tx.items.update(before.id, { slug: 'da-doi' });
					await tx.items.createMany([
						buildItem({ slug: 'nhieu-1' }),
						buildItem({ slug: 'nhieu-2' })
					]);
					await tx.audit.record({
						actorId: 1,
						action: 'create',
						entity: 'item',
						entityId: String(item.id),
						detail: {}
					});
					expect(await tx.items.getBySlug('trong-giao-dich', staff)).not.toBeNull();
					throw boom;
				})
			).rejects.toBe(boom);
			expect(await ctx.db.items.getBySlug('trong-giao-dich', staff)).toBeNull();
			expect(await ctx.db.items.getBySlug('nhieu-1', staff)).toBeNull();
			expect(await ctx.db.items.getById(before.id, staff)).toEqual(before);
			expect(await ctx.db.media.findBySha256('f'.repeat(64))).toEqual([]);
			expect(await ctx.db.vocabularies.get('subject', 'textile')).toBeNull();
			expect(await ctx.db.audit.list({ limit: 10 })).toEqual([]);
			expect(await ctx.db.items.count(staff)).toBe(1);
		});

		it('commits everything and returns fn’s value when fn succeeds', async () => {
			const result = await ctx.db.transaction(async (tx) => {
				const item = await tx.items.create(buildItem({ slug: 'thanh-cong' }));
				const media = await tx.media.create(buildMedia({ itemId: item.id }));
				return { item, media };
			});
			expect(await ctx.db.items.getById(result.item.id, staff)).toEqual(result.item);
			expect(await ctx.db.media.getById(result.media.id)).toEqual(result.media);
		});

		it('a domain error inside rolls back and surfaces unchanged', async () => {
			await ctx.db.items.create(buildItem({ slug: 'trung' }));
			await expect(
				ctx.db.transaction(async (tx) => {
					await tx.items.create(buildItem({ slug: 'truoc-loi' }));
					await tx.items.create(buildItem({ slug: 'trung' }));
				})
			).rejects.toMatchObject({ name: 'ConflictError' });
			expect(await ctx.db.items.getBySlug('truoc-loi', staff)).toBeNull();
		});

		it('keeps outer writes made while a transaction is open when it rolls back', async () => {
			let outer: Promise<Item> | undefined;
			await expect(
				ctx.db.transaction(async (tx) => {
					await tx.items.create(buildItem({ slug: 'ben-trong' }));
					outer = ctx.db.items.create(buildItem({ slug: 'ben-ngoai' }));
					await new Promise((r) => setTimeout(r, 20));
					throw new Error('rollback');
				})
			).rejects.toThrow('rollback');
			const kept = await outer!;
			expect(await ctx.db.items.getById(kept.id, staff)).toEqual(kept);
			expect(await ctx.db.items.getBySlug('ben-trong', staff)).toBeNull();
		});

		it('runs concurrent transactions without mixing their writes', async () => {
			const ok = ctx.db.transaction(async (tx) => {
				await tx.items.create(buildItem({ slug: 'song-song-a' }));
				await new Promise((r) => setTimeout(r, 10));
				await tx.items.create(buildItem({ slug: 'song-song-b' }));
			});
			const bad = ctx.db.transaction(async (tx) => {
				await tx.items.create(buildItem({ slug: 'song-song-c' }));
				await new Promise((r) => setTimeout(r, 5));
				throw new Error('no');
			});
			// Attach the rejection handler before awaiting `ok`, or the rejection goes unhandled.
			const badDone = expect(bad).rejects.toThrow('no');
			await ok;
			await badDone;
			expect(await ctx.db.items.getBySlug('song-song-a', staff)).not.toBeNull();
			expect(await ctx.db.items.getBySlug('song-song-b', staff)).not.toBeNull();
			expect(await ctx.db.items.getBySlug('song-song-c', staff)).toBeNull();
		});
	});
}
