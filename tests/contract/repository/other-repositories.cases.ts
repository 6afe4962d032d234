import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '$lib/server/errors';
import { buildItem } from '../../support/factories/item.factory';
import { buildMedia } from '../../support/factories/media.factory';
import { buildTerm, seedTerms } from '../../support/factories/vocabulary.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';

export function otherRepositoryCases(ctx: ContractContext): void {
	describe('media repository', () => {
		it('creates, reads, lists by position then id, finds by sha256 and deletes', async () => {
			const item = await ctx.db.items.create(buildItem());
			const input = buildMedia({
				itemId: item.id,
				kind: 'video',
				durationSeconds: 12.5,
				caption: { vi: 'Lễ hội', bdq: 'Sơnglăng' },
				position: 2
			});
			const a = await ctx.db.media.create(input);
			expect(a).toEqual({ ...input, id: expect.any(Number), createdAt: expect.any(String) });
			expect(await ctx.db.media.getById(a.id)).toEqual(a);
			const b = await ctx.db.media.create(
				buildMedia({ itemId: item.id, position: 0, sha256: a.sha256 })
			);
			const c = await ctx.db.media.create(buildMedia({ itemId: item.id, position: 2 }));
			await ctx.db.media.create(buildMedia({ itemId: null }));
			expect((await ctx.db.media.listForItem(item.id)).map((m) => m.id)).toEqual([
				b.id,
				a.id,
				c.id
			]);
			expect((await ctx.db.media.findBySha256(a.sha256)).map((m) => m.id)).toEqual([a.id, b.id]);
			expect(await ctx.db.media.delete(a.id)).toBe(true);
			expect(await ctx.db.media.delete(a.id)).toBe(false);
			expect(await ctx.db.media.getById(a.id)).toBeNull();
		});

		it('rejects a duplicate storage key and an unknown item', async () => {
			const m = await ctx.db.media.create(buildMedia());
			await expect(
				ctx.db.media.create(buildMedia({ storageKey: m.storageKey }))
			).rejects.toBeInstanceOf(ConflictError);
			await expect(ctx.db.media.create(buildMedia({ itemId: 987_654 }))).rejects.toBeInstanceOf(
				ValidationError
			);
		});

		it('deleting an item deletes its media rows', async () => {
			const item = await ctx.db.items.create(buildItem());
			const m = await ctx.db.media.create(buildMedia({ itemId: item.id }));
			const loose = await ctx.db.media.create(buildMedia());
			await ctx.db.items.delete(item.id);
			expect(await ctx.db.media.getById(m.id)).toBeNull();
			expect(await ctx.db.media.listForItem(item.id)).toEqual([]);
			expect(await ctx.db.media.getById(loose.id)).toEqual(loose);
		});
	});

	describe('vocabulary repository', () => {
		it('upsert is idempotent and replaces by (scheme, code)', async () => {
			await seedTerms(ctx.db);
			await seedTerms(ctx.db);
			expect(await ctx.db.vocabularies.list('ethnic_group')).toHaveLength(3);
			const renamed = buildTerm('ethnic_group', 'bahnar', {
				label: { vi: 'Ba-na', en: 'Bahnar' },
				altLabels: ['Bơ-nâm', 'Roh'],
				position: 2
			});
			await ctx.db.vocabularies.upsert([renamed]);
			expect(await ctx.db.vocabularies.get('ethnic_group', 'bahnar')).toEqual(renamed);
			expect(await ctx.db.vocabularies.list('ethnic_group')).toHaveLength(3);
			expect(await ctx.db.vocabularies.get('subject', 'bahnar')).toBeNull();
		});

		it('upserting a term used by items keeps the items linked', async () => {
			await seedTerms(ctx.db);
			const item = await ctx.db.items.create(buildItem({ ethnicGroups: ['bahnar'] }));
			await ctx.db.vocabularies.upsert([buildTerm('ethnic_group', 'bahnar', { position: 9 })]);
			expect((await ctx.db.items.getById(item.id, staff))?.ethnicGroups).toEqual(['bahnar']);
		});

		it('lists one scheme ordered by position, then code', async () => {
			await ctx.db.vocabularies.upsert([
				buildTerm('subject', 'weaving', { position: 2 }),
				buildTerm('subject', 'music', { position: 1 }),
				buildTerm('subject', 'epic', { position: 2 }),
				buildTerm('ethnic_group', 'tay', { position: 0 })
			]);
			expect((await ctx.db.vocabularies.list('subject')).map((t) => t.code)).toEqual([
				'music',
				'epic',
				'weaving'
			]);
		});
	});

	describe('collection repository', () => {
		it('creates and reads by slug, within scope, listing only readable items in order', async () => {
			const [a, draft, b] = await ctx.db.items.createMany([
				buildItem(),
				buildItem({ status: 'draft' }),
				buildItem()
			]);
			const input = {
				slug: 'trien-lam-tay-nguyen',
				title: { vi: 'Triển lãm Tây Nguyên', en: 'Central Highlands exhibit' },
				description: { vi: 'Nhà rông và cồng chiêng' },
				status: 'published' as const,
				visibility: 'public' as const,
				itemIds: [b, draft, a]
			};
			const created = await ctx.db.collections.create(input);
			expect(created).toEqual({ ...input, id: expect.any(Number) });
			expect(await ctx.db.collections.getBySlug(input.slug, staff)).toEqual(created);
			expect(await ctx.db.collections.getBySlug(input.slug, anonymous)).toEqual({
				...created,
				itemIds: [b, a]
			});
			await expect(ctx.db.collections.create(input)).rejects.toBeInstanceOf(ConflictError);
		});

		it('hides collections outside the scope and rejects unknown items', async () => {
			await ctx.db.collections.create({
				slug: 'nhap',
				title: { vi: 'Nháp' },
				description: {},
				status: 'draft',
				visibility: 'public',
				itemIds: []
			});
			expect(await ctx.db.collections.getBySlug('nhap', anonymous)).toBeNull();
			expect(await ctx.db.collections.getBySlug('nhap', memberOf('x'))).toBeNull();
			expect(await ctx.db.collections.getBySlug('nhap', staff)).not.toBeNull();
			expect(await ctx.db.collections.getBySlug('khong-co', staff)).toBeNull();
			await expect(
				ctx.db.collections.create({
					slug: 'sai',
					title: { vi: 'Sai' },
					description: {},
					status: 'published',
					visibility: 'public',
					itemIds: [123_456]
				})
			).rejects.toBeInstanceOf(ValidationError);
		});
	});

	describe('audit repository', () => {
		it('records entries and lists newest first, filtered and capped', async () => {
			const entry = (action: string, entityId: string) => ({
				actorId: 7,
				action,
				entity: 'item',
				entityId,
				detail: { note: `${action} ${entityId}`, nested: { n: 1 } }
			});
			await ctx.db.audit.record(entry('create', '1'));
			await ctx.db.audit.record(entry('publish', '1'));
			await ctx.db.audit.record(entry('create', '2'));
			await ctx.db.audit.record({ ...entry('login', '7'), entity: 'user', actorId: null });
			const all = await ctx.db.audit.list({ limit: 10 });
			expect(all.map((e) => e.action)).toEqual(['login', 'create', 'publish', 'create']);
			expect(all[0]).toEqual({
				id: expect.any(Number),
				at: expect.stringMatching(/Z$/),
				actorId: null,
				action: 'login',
				entity: 'user',
				entityId: '7',
				detail: { note: 'login 7', nested: { n: 1 } }
			});
			const forItem1 = await ctx.db.audit.list({ entity: 'item', entityId: '1', limit: 10 });
			expect(forItem1.map((e) => e.action)).toEqual(['publish', 'create']);
			expect(await ctx.db.audit.list({ entity: 'item', limit: 2 })).toHaveLength(2);
		});
	});

	describe('bulk and reset', () => {
		it('createMany inserts in one go and returns ids in input order', async () => {
			await seedTerms(ctx.db);
			const inputs = Array.from({ length: 50 }, (_, i) =>
				buildItem({ slug: `hang-loat-${i}`, ethnicGroups: i % 2 ? ['bahnar'] : [] })
			);
			const ids = await ctx.db.items.createMany(inputs);
			expect(ids).toHaveLength(50);
			for (const i of [0, 17, 49]) {
				expect((await ctx.db.items.getById(ids[i], staff))?.slug).toBe(`hang-loat-${i}`);
			}
			expect(await ctx.db.items.createMany([])).toEqual([]);
		});

		it('createMany is all or nothing', async () => {
			await expect(
				ctx.db.items.createMany([
					buildItem({ slug: 'mot' }),
					buildItem({ slug: 'hai', ethnicGroups: ['khong-co'] })
				])
			).rejects.toBeInstanceOf(ValidationError);
			await expect(
				ctx.db.items.createMany([buildItem({ slug: 'ba' }), buildItem({ slug: 'ba' })])
			).rejects.toBeInstanceOf(ConflictError);
			expect(await ctx.db.items.count(staff)).toBe(0);
		});

		it('truncateAll empties every table, search and spatial indexes included', async () => {
			await seedTerms(ctx.db);
			const item = await ctx.db.items.create(
				buildItem({
					title: { vi: 'Cồng chiêng' },
					ethnicGroups: ['bahnar'],
					communityGroups: ['g']
				})
			);
			await ctx.db.media.create(buildMedia({ itemId: item.id }));
			await ctx.db.collections.create({
				slug: 'c',
				title: { vi: 'C' },
				description: {},
				status: 'published',
				visibility: 'public',
				itemIds: [item.id]
			});
			await ctx.db.audit.record({
				actorId: null,
				action: 'x',
				entity: 'item',
				entityId: '1',
				detail: {}
			});
			await ctx.db.truncateAll();
			expect(await ctx.db.items.count(staff)).toBe(0);
			expect(await ctx.db.items.search('cong chieng', staff, { limit: 10 })).toEqual([]);
			expect(
				await ctx.db.items.findInBBox({ west: -180, south: -90, east: 180, north: 90 }, staff, {
					limit: 10
				})
			).toEqual([]);
			expect(await ctx.db.vocabularies.list('ethnic_group')).toEqual([]);
			expect(await ctx.db.collections.getBySlug('c', staff)).toBeNull();
			expect(await ctx.db.audit.list({ limit: 10 })).toEqual([]);
			const again = await ctx.db.items.create(buildItem({ title: { vi: 'Cồng chiêng' } }));
			expect(
				(await ctx.db.items.search('cong chieng', staff, { limit: 10 })).map((r) => r.id)
			).toEqual([again.id]);
		});
	});
}
