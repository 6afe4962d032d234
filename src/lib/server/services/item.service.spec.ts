import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, heritage } from '../../../../tests/support/factories/item.factory';
import { buildMedia } from '../../../../tests/support/factories/media.factory';
import { seedTerms } from '../../../../tests/support/factories/vocabulary.factory';
import type { Viewer } from '../../domain/types';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { NotFoundError } from '../errors';
import { ANONYMOUS } from './access.service';
import { ItemService } from './item.service';

const STAFF: Viewer = { kind: 'staff', userId: 1 };

let dir: string;
let db: Database;
let service: ItemService;
const ids: Record<string, number> = {};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-item-service-'));
	// Through createDatabase, so the dialect switch and migrations are exercised too.
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'db', 'items.sqlite') });
	await seedTerms(db);
	service = new ItemService({ items: db.items, media: db.media, vocabularies: db.vocabularies });

	ids.nhaRong = (
		await db.items.create(heritage.nhaRong({ ethnicGroups: ['sedang', 'bahnar'] }))
	).id;
	ids.damTrau = (
		await db.items.create(
			heritage.damTrau({
				// Sensitive: the public sees a point snapped to a ~20 km grid.
				location: { point: [108.0186, 14.3545], geometry: null, precision: 'region' },
				title: { en: 'Buffalo sacrifice festival', bdq: 'Ƀuh kapô' },
				summary: { vi: 'Nghi lễ của người Tây Nguyên' }
			})
		)
	).id;
	ids.draft = (
		await db.items.create(
			heritage.dinhBang({ status: 'draft', title: { vi: 'Lễ Tây Nguyên (bản nháp)' } })
		)
	).id;
	ids.staffOnly = (await db.items.create(buildItem({ visibility: 'staff' }))).id;
	ids.withdrawn = (await db.items.create(buildItem({ status: 'withdrawn' }))).id;
	ids.dinhDocLap = (await db.items.create(heritage.dinhDocLap())).id;

	await db.media.create(buildMedia({ itemId: ids.nhaRong, position: 1, alt: { vi: 'Sau' } }));
	await db.media.create(buildMedia({ itemId: ids.nhaRong, position: 0, alt: { vi: 'Trước' } }));
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ItemService.list', () => {
	it('shows the public only published public records, newest first, with a true total', async () => {
		const result = await service.list(ANONYMOUS, { page: 1, pageSize: 10, lang: 'vi' });
		expect(result.items.map((i) => i.id)).toEqual([ids.dinhDocLap, ids.damTrau, ids.nhaRong]);
		expect(result).toMatchObject({ total: 3, page: 1, pageSize: 10 });
	});

	it('pages with page and pageSize', async () => {
		const second = await service.list(ANONYMOUS, { page: 2, pageSize: 2, lang: 'vi' });
		expect(second.items.map((i) => i.id)).toEqual([ids.nhaRong]);
		expect(second.total).toBe(3);
		const beyond = await service.list(ANONYMOUS, { page: 9, pageSize: 2, lang: 'vi' });
		expect(beyond.items).toEqual([]);
	});

	it('resolves texts in the asked language, falls back, and keeps every language', async () => {
		const { items } = await service.list(ANONYMOUS, { page: 1, pageSize: 10, lang: 'vi' });
		const festival = items.find((i) => i.id === ids.damTrau)!;
		// No vi title: falls back to en, and says so.
		expect(festival).toMatchObject({ title: 'Buffalo sacrifice festival', titleLang: 'en' });
		expect(festival).toMatchObject({ summary: 'Nghi lễ của người Tây Nguyên', summaryLang: 'vi' });
		expect(festival.localized.title).toEqual({
			en: 'Buffalo sacrifice festival',
			bdq: 'Ƀuh kapô'
		});
		const english = await service.list(ANONYMOUS, { page: 1, pageSize: 10, lang: 'en' });
		expect(english.items.find((i) => i.id === ids.nhaRong)?.title).toBe('Kon Klor communal house');
	});

	it('gives a cover image URL from the first image', async () => {
		const { items } = await service.list(ANONYMOUS, { page: 1, pageSize: 10, lang: 'vi' });
		const house = items.find((i) => i.id === ids.nhaRong)!;
		expect(house.coverUrl).toBe(`/media/${house.coverMediaId}`);
		expect(items.find((i) => i.id === ids.dinhDocLap)?.coverUrl).toBeNull();
	});

	it('filters by kind', async () => {
		const result = await service.list(ANONYMOUS, {
			page: 1,
			pageSize: 10,
			lang: 'vi',
			filter: { kinds: ['practice'] }
		});
		expect(result.items.map((i) => i.id)).toEqual([ids.damTrau]);
		expect(result.total).toBe(1);
	});

	it('searches without diacritics and never finds a draft for the public', async () => {
		const result = await service.search(ANONYMOUS, 'tay nguyen', {
			page: 1,
			pageSize: 10,
			lang: 'vi'
		});
		expect(result.items.map((i) => i.id)).toEqual([ids.damTrau]);
		expect(result.total).toBe(1);
		expect(Object.keys(result.items[0]).includes('score')).toBe(false);
		const staff = await service.search(STAFF, 'tay nguyen', { page: 1, pageSize: 10, lang: 'vi' });
		expect(staff.items.map((i) => i.id).sort()).toEqual([ids.damTrau, ids.draft].sort());
	});

	it('lists a map box, paged in memory with a total', async () => {
		const highlands = { west: 107, south: 13, east: 109, north: 15.5 };
		const all = await service.list(ANONYMOUS, {
			page: 1,
			pageSize: 10,
			lang: 'vi',
			bbox: highlands
		});
		expect(all.items.map((i) => i.id).sort()).toEqual([ids.nhaRong, ids.damTrau].sort());
		const second = await service.list(ANONYMOUS, {
			page: 2,
			pageSize: 1,
			lang: 'vi',
			bbox: highlands
		});
		expect(second.items).toHaveLength(1);
		expect(second.total).toBe(2);
	});
});

describe('ItemService.get', () => {
	it('returns the record with ordered media and ethnic-group labels', async () => {
		const detail = await service.get(ANONYMOUS, ids.nhaRong);
		expect(detail.item.title.vi).toBe('Nhà rông Kon Klor');
		expect(detail.media.map((m) => m.alt.vi)).toEqual(['Trước', 'Sau']);
		expect(detail.media[0].url).toBe(`/media/${detail.media[0].id}`);
		expect(detail.media[0]).not.toHaveProperty('storageKey');
		// Labels come from the vocabulary, in the order the repository gives the codes.
		expect(detail.ethnicGroups.map((g) => g.code)).toEqual(detail.item.ethnicGroups);
		expect(detail.ethnicGroups).toEqual(
			expect.arrayContaining([
				{ code: 'sedang', label: { vi: 'Xơ Đăng', en: 'Sedang' } },
				{ code: 'bahnar', label: { vi: 'Ba Na', en: 'Bahnar' } }
			])
		);
		expect(detail.ethnicGroups).toHaveLength(2);
	});

	it.each(['draft', 'staffOnly', 'withdrawn'])(
		'says not found for a %s record, exactly as for a missing one',
		async (key) => {
			const hidden = await service.get(ANONYMOUS, ids[key]).catch((e: unknown) => e);
			const missing = await service.get(ANONYMOUS, 999_999).catch((e: unknown) => e);
			expect(hidden).toBeInstanceOf(NotFoundError);
			expect(missing).toBeInstanceOf(NotFoundError);
			expect((hidden as Error).message.replace(/\d+/g, '#')).toBe(
				(missing as Error).message.replace(/\d+/g, '#')
			);
		}
	);

	it('lets staff read drafts', async () => {
		expect((await service.get(STAFF, ids.draft)).item.status).toBe('draft');
	});

	it('never hands the true point of a sensitive site to the public', async () => {
		const publicView = await service.get(ANONYMOUS, ids.damTrau);
		expect(publicView.item.location.point).toBeNull();
		expect(publicView.item.publicPoint).toEqual([108.1, 14.3]);
		expect(JSON.stringify(publicView)).not.toContain('108.0186');
		const staffView = await service.get(STAFF, ids.damTrau);
		expect(staffView.item.location.point).toEqual([108.0186, 14.3545]);
	});
});
