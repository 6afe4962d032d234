import { beforeEach, describe, expect, it } from 'vitest';
import type { NewItem } from '$lib/domain/types';
import { ConflictError, NotFoundError, ValidationError } from '$lib/server/errors';
import { buildItem } from '../../support/factories/item.factory';
import { seedTerms } from '../../support/factories/vocabulary.factory';
import { sleep, staff, type ContractContext } from './context';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** A record that exercises every field: three languages, a boundary, BCE years, full rights. */
function richItem(): NewItem {
	return buildItem({
		slug: 'nha-rong-kon-klor',
		kind: 'structure',
		status: 'published',
		visibility: 'community',
		communityGroups: ['kon-klor-village', 'bahnar-elders'],
		title: { vi: 'Nhà rông Kon Klor', en: 'Kon Klor communal house', bdq: 'Rông Kon Klor' },
		summary: { vi: 'Nhà rông của người Ba Na', bdq: 'Hnam rông kơ pơlei' },
		body: { en: 'The tallest rông in Kon Tum.\nRebuilt in 1993.' },
		location: {
			point: [108.0186, 14.3545],
			geometry: {
				type: 'Polygon',
				coordinates: [
					[
						[108.018, 14.354],
						[108.0192, 14.354],
						[108.0192, 14.355],
						[108.018, 14.355],
						[108.018, 14.354]
					]
				]
			},
			precision: 'exact'
		},
		place: { province: 'Kon Tum', district: 'Thành phố Kon Tum', commune: 'Thắng Lợi' },
		time: {
			startYear: -250,
			endYear: 1993,
			label: { vi: 'thế kỷ III TCN – 1993', en: '3rd century BCE – 1993' }
		},
		ethnicGroups: ['sedang', 'bahnar'],
		subjects: ['ritual', 'architecture'],
		rights: {
			license: 'https://creativecommons.org/licenses/by-sa/4.0/',
			holder: 'Bảo tàng tỉnh Kon Tum',
			credit: 'Ảnh: Nguyễn Văn A',
			sourceInstitution: 'Thư viện tỉnh Kon Tum'
		},
		dc: {
			creator: ['Làng Kon Klor'],
			contributor: ['Y Bình', 'A Thút'],
			source: 'Hồ sơ di tích 1998',
			relation: ['https://example.org/items/rong-kon-tum'],
			language: ['bdq', 'vi']
		}
	});
}

export function itemCrudCases(ctx: ContractContext): void {
	describe('items: create, read, update, delete', () => {
		beforeEach(async () => {
			await seedTerms(ctx.db);
		});

		it('round-trips every field through create, getById and getBySlug', async () => {
			const input = richItem();
			const created = await ctx.db.items.create(input);
			expect(created).toEqual({
				...input,
				id: expect.any(Number),
				ethnicGroups: ['bahnar', 'sedang'],
				subjects: ['architecture', 'ritual'],
				communityGroups: ['bahnar-elders', 'kon-klor-village'],
				publicPoint: [108.0186, 14.3545],
				createdAt: expect.stringMatching(ISO),
				updatedAt: expect.stringMatching(ISO)
			});
			expect(await ctx.db.items.getById(created.id, staff)).toEqual(created);
			expect(await ctx.db.items.getBySlug('nha-rong-kon-klor', staff)).toEqual(created);
		});

		it('returns null for an unknown id or slug', async () => {
			expect(await ctx.db.items.getById(999_999, staff)).toBeNull();
			expect(await ctx.db.items.getBySlug('khong-co', staff)).toBeNull();
		});

		it('update patches fields, replaces texts and terms, and bumps updatedAt', async () => {
			const created = await ctx.db.items.create(richItem());
			await sleep(15);
			const updated = await ctx.db.items.update(created.id, {
				title: { vi: 'Nhà rông Kon Klor (mới)', en: 'Kon Klor communal house' },
				ethnicGroups: ['bahnar'],
				subjects: [],
				communityGroups: [],
				visibility: 'public',
				time: { startYear: -300, endYear: null, label: {} }
			});
			expect(updated).toEqual({
				...created,
				title: { vi: 'Nhà rông Kon Klor (mới)', en: 'Kon Klor communal house' },
				ethnicGroups: ['bahnar'],
				subjects: [],
				communityGroups: [],
				visibility: 'public',
				time: { startYear: -300, endYear: null, label: {} },
				updatedAt: expect.stringMatching(ISO)
			});
			expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
			expect(updated.createdAt).toBe(created.createdAt);
			expect(await ctx.db.items.getById(created.id, staff)).toEqual(updated);
		});

		it('update of the location recomputes the public point', async () => {
			const created = await ctx.db.items.create(richItem());
			const updated = await ctx.db.items.update(created.id, {
				location: { point: [108.0186, 14.3545], geometry: null, precision: 'region' }
			});
			expect(updated.publicPoint).toEqual([108.1, 14.3]);
			expect(updated.location).toEqual({
				point: [108.0186, 14.3545],
				geometry: null,
				precision: 'region'
			});
		});

		it('delete removes the item and reports whether it existed', async () => {
			const created = await ctx.db.items.create(buildItem());
			expect(await ctx.db.items.delete(created.id)).toBe(true);
			expect(await ctx.db.items.getById(created.id, staff)).toBeNull();
			expect(await ctx.db.items.getBySlug(created.slug, staff)).toBeNull();
			expect(await ctx.db.items.delete(created.id)).toBe(false);
		});

		it('rejects a duplicate slug with ConflictError, on create and on update', async () => {
			const a = await ctx.db.items.create(buildItem({ slug: 'trung-slug' }));
			await expect(ctx.db.items.create(buildItem({ slug: 'trung-slug' }))).rejects.toBeInstanceOf(
				ConflictError
			);
			const b = await ctx.db.items.create(buildItem({ slug: 'khac-slug' }));
			await expect(ctx.db.items.update(b.id, { slug: a.slug })).rejects.toBeInstanceOf(
				ConflictError
			);
			expect((await ctx.db.items.getById(b.id, staff))?.slug).toBe('khac-slug');
			expect(await ctx.db.items.count(staff)).toBe(2);
		});

		it('update of a missing id throws NotFoundError', async () => {
			await expect(ctx.db.items.update(424_242, { slug: 'x' })).rejects.toBeInstanceOf(
				NotFoundError
			);
		});

		it('an unknown vocabulary code throws ValidationError naming it and writes nothing', async () => {
			const bad = buildItem({ slug: 'bad-terms', ethnicGroups: ['bahnar', 'khong-ton-tai'] });
			await expect(ctx.db.items.create(bad)).rejects.toThrow(/khong-ton-tai/);
			await expect(ctx.db.items.create(bad)).rejects.toBeInstanceOf(ValidationError);
			await expect(
				ctx.db.items.create(buildItem({ subjects: ['no-such-subject'] }))
			).rejects.toBeInstanceOf(ValidationError);
			expect(await ctx.db.items.getBySlug('bad-terms', staff)).toBeNull();
			expect(await ctx.db.items.count(staff)).toBe(0);

			const ok = await ctx.db.items.create(buildItem({ ethnicGroups: ['kinh'] }));
			await expect(
				ctx.db.items.update(ok.id, { title: { vi: 'Đổi' }, subjects: ['nope'] })
			).rejects.toBeInstanceOf(ValidationError);
			expect(await ctx.db.items.getById(ok.id, staff)).toEqual(ok);
		});

		it('an ethnic-group code is not accepted as a subject (schemes are separate)', async () => {
			await expect(ctx.db.items.create(buildItem({ subjects: ['bahnar'] }))).rejects.toBeInstanceOf(
				ValidationError
			);
		});
	});
}
