import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem, heritage } from '../../../../tests/support/factories/item.factory';
import { buildTerm, seedTerms } from '../../../../tests/support/factories/vocabulary.factory';
import type { Viewer } from '../../domain/types';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { ValidationError } from '../errors';
import { ANONYMOUS, scopeFor } from './access.service';
import { ItemService } from './item.service';
import { MapService } from './map.service';

const STAFF: Viewer = { kind: 'staff', userId: 1 };

let dir: string;
let db: Database;
let map: MapService;
let items: ItemService;
const ids: Record<string, number> = {};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-map-service-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'map.sqlite') });
	await seedTerms(db);
	await db.vocabularies.upsert([
		buildTerm('item_kind', 'structure', {
			label: { vi: 'Công trình kiến trúc', en: 'Structure' }
		}),
		buildTerm('item_kind', 'practice', { label: { vi: 'Di sản phi vật thể', en: 'Practice' } })
	]);
	ids.nhaRong = (await db.items.create(heritage.nhaRong({ ethnicGroups: ['bahnar'] }))).id;
	ids.damTrau = (
		await db.items.create(
			heritage.damTrau({
				ethnicGroups: ['bahnar', 'sedang'],
				time: { startYear: 1800, endYear: 1900, label: {} }
			})
		)
	).id;
	ids.dinhBang = (await db.items.create(heritage.dinhBang())).id;
	ids.draft = (
		await db.items.create(
			buildItem({ status: 'draft', title: { vi: 'Nhà rông nháp' }, ethnicGroups: ['kinh'] })
		)
	).id;
	await db.collections.create({
		slug: 'tay-nguyen',
		title: { vi: 'Tây Nguyên', en: 'Central Highlands' },
		description: {},
		status: 'published',
		visibility: 'public',
		itemIds: [ids.damTrau, ids.nhaRong, ids.draft]
	});
	await db.collections.create({
		slug: 'nhap',
		title: { vi: 'Nháp' },
		description: {},
		status: 'draft',
		visibility: 'public',
		itemIds: [ids.dinhBang]
	});
	map = new MapService({
		items: db.items,
		vocabularies: db.vocabularies,
		collections: db.collections
	});
	// Built now, so later facet calls read the index (facet-index.spec compares it with SQL).
	await map.facetIndexReady();
	items = new ItemService({ items: db.items, media: db.media, vocabularies: db.vocabularies });
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('MapService.facets', () => {
	it('counts and labels kinds, ethnic groups and languages in the asked language', async () => {
		const vi = await map.facets(ANONYMOUS, { lang: 'vi' });
		expect(vi.total).toBe(3);
		expect(vi.kinds).toEqual([
			{ code: 'structure', count: 2 },
			{ code: 'practice', count: 1 }
		]);
		expect(vi.labels.kinds).toMatchObject({
			structure: 'Công trình kiến trúc',
			practice: 'Di sản phi vật thể',
			// No vocabulary term: the UI dictionary's name.
			site: 'Di tích'
		});
		expect(Object.keys(vi.labels.kinds)).toHaveLength(7);
		expect(vi.labels.ethnicGroups).toEqual({ bahnar: 'Ba Na', sedang: 'Xơ Đăng' });
		expect(vi.languages.map((l) => l.code)).toEqual(['en', 'vi', 'bdq']);
		expect(vi.labels.languages).toEqual({
			vi: 'Tiếng Việt',
			en: 'Tiếng Anh',
			bdq: 'Tiếng Ba Na'
		});
		const en = await map.facets(ANONYMOUS, { lang: 'en', filter: { ethnicGroups: ['kinh'] } });
		expect(en.total).toBe(0);
		expect(en.labels.ethnicGroups).toMatchObject({ bahnar: 'Bahnar', kinh: 'Kinh' });
		// The ethnic filter leaves no items, so no languages either; a picked one keeps its label.
		expect(en.labels.languages).toEqual({});
		const bahnar = await map.facets(ANONYMOUS, { lang: 'en', filter: { textLang: 'bdq' } });
		expect(bahnar.total).toBe(1);
		expect(bahnar.labels.languages).toEqual({ vi: 'Vietnamese', en: 'English', bdq: 'Bahnar' });
		expect(en.labels.kinds.structure).toBe('Structure');
	});

	it('applies q, bbox and the collection, and never counts drafts for the public', async () => {
		expect((await map.facets(ANONYMOUS, { lang: 'vi', q: 'nha rong' })).total).toBe(1);
		expect((await map.facets(STAFF, { lang: 'vi', q: 'nha rong' })).total).toBe(2);
		const highlands = await map.facets(ANONYMOUS, {
			lang: 'vi',
			bbox: { west: 107, south: 13, east: 109, north: 15 }
		});
		expect(highlands.total).toBe(2);
		const inCollection = await map.facets(ANONYMOUS, {
			lang: 'vi',
			filter: { collection: 'tay-nguyen' }
		});
		expect(inCollection.total).toBe(2);
		expect(
			(await map.facets(STAFF, { lang: 'vi', filter: { collection: 'tay-nguyen' } })).total
		).toBe(3);
	});

	it('counts search text over the hits: disjunctive, labelled, not capped below the cap', async () => {
		const f = await map.facets(STAFF, {
			lang: 'en',
			q: 'nha rong',
			filter: { ethnicGroups: ['bahnar'] }
		});
		expect(f.capped).toBeUndefined();
		// Only the published one is Bahnar; the ethnic facet still shows the draft's Kinh.
		expect(f.total).toBe(1);
		expect(f.ethnicGroups).toEqual([
			{ code: 'bahnar', count: 1 },
			{ code: 'kinh', count: 1 }
		]);
		expect(f.labels.ethnicGroups).toMatchObject({ bahnar: 'Bahnar', kinh: 'Kinh' });
		const { labels: _labels, capped: _capped, ...counts } = f;
		expect(counts).toEqual(
			await db.items.facets(scopeFor(STAFF), {
				q: 'nha rong',
				filter: { ethnicGroups: ['bahnar'] }
			})
		);
		// Text with no searchable word matches nothing.
		expect((await map.facets(ANONYMOUS, { lang: 'vi', q: '!!!' })).total).toBe(0);
	});

	it('an unknown or unreadable collection gives empty counts, not an error', async () => {
		for (const collection of ['khong-co', 'nhap']) {
			const f = await map.facets(ANONYMOUS, { lang: 'vi', filter: { collection } });
			expect(f.total).toBe(0);
			expect(f.kinds).toEqual([]);
		}
	});

	it('refuses from after to', async () => {
		await expect(
			map.facets(ANONYMOUS, { lang: 'vi', filter: { fromYear: 1900, toYear: 1800 } })
		).rejects.toBeInstanceOf(ValidationError);
	});
});

describe('MapService.suggest', () => {
	it('suggests titles in the asked language, exact diacritics first', async () => {
		const { suggestions } = await map.suggest(ANONYMOUS, { lang: 'en', q: 'đình', limit: 8 });
		expect(suggestions[0]).toEqual({
			id: ids.dinhBang,
			slug: 'dinh-lang-dinh-bang',
			title: 'Đình Bảng communal house',
			titleLang: 'en',
			kind: 'structure',
			province: 'Bắc Ninh',
			publicPoint: expect.any(Array)
		});
	});

	it('matches a prefix of the last word and applies filters and scope', async () => {
		const names = async (q: string, viewer: Viewer = ANONYMOUS, kinds?: ['practice']) =>
			(
				await map.suggest(viewer, {
					lang: 'vi',
					q,
					limit: 8,
					filter: kinds ? { kinds } : undefined
				})
			).suggestions.map((s) => s.title);
		expect(await names('nha ro')).toEqual(['Nhà rông Kon Klor']);
		expect(await names('nha ro', STAFF)).toContain('Nhà rông nháp');
		expect(await names('le h', ANONYMOUS, ['practice'])).toEqual(['Lễ hội đâm trâu']);
		expect(await names('   ')).toEqual([]);
		expect(await names('')).toEqual([]);
	});

	it('caps the list at limit', async () => {
		const { suggestions } = await map.suggest(STAFF, { lang: 'vi', q: 'n', limit: 1 });
		expect(suggestions).toHaveLength(1);
	});
});

describe('MapService.near', () => {
	it('sorts by distance with meters, limit and maxKm, under the scope and filter', async () => {
		const result = await map.near(ANONYMOUS, { point: [108.0186, 14.3545], limit: 10, lang: 'vi' });
		expect(result.items.map((i) => i.id)).toEqual([ids.nhaRong, ids.damTrau, ids.dinhBang]);
		expect(result.items[0].meters).toBe(0);
		expect(result.items[1].meters).toBeGreaterThan(10_000);
		expect(result).toMatchObject({ total: 3, page: 1, pageSize: 10 });
		expect(result.items[0]).toMatchObject({ title: 'Nhà rông Kon Klor', titleLang: 'vi' });
		const close = await map.near(ANONYMOUS, {
			point: [108.0186, 14.3545],
			limit: 10,
			maxKm: 50,
			lang: 'vi'
		});
		expect(close.items.map((i) => i.id)).toEqual([ids.nhaRong, ids.damTrau]);
		const one = await map.near(ANONYMOUS, {
			point: [108.0186, 14.3545],
			limit: 10,
			lang: 'vi',
			filter: { kinds: ['practice'] }
		});
		expect(one.items.map((i) => i.id)).toEqual([ids.damTrau]);
	});
});

describe('MapService.collections', () => {
	it('lists readable collections with titles in the asked language and readable counts', async () => {
		expect(await map.collections(ANONYMOUS, 'en')).toEqual({
			collections: [
				{ slug: 'tay-nguyen', title: 'Central Highlands', titleLang: 'en', itemCount: 2 }
			]
		});
		const staff = await map.collections(STAFF, 'vi');
		expect(staff.collections.map((c) => [c.slug, c.title, c.itemCount])).toEqual([
			['tay-nguyen', 'Tây Nguyên', 3],
			['nhap', 'Nháp', 1]
		]);
	});
});

describe('ItemService.list with the map filters', () => {
	it('filters by year span, content language and collection', async () => {
		const list = async (filter: object) =>
			(await items.list(ANONYMOUS, { page: 1, pageSize: 10, lang: 'vi', filter })).items.map(
				(i) => i.id
			);
		expect(await list({ fromYear: 1850, toYear: 1850 })).toEqual([ids.damTrau]);
		expect(await list({ textLang: 'bdq' })).toEqual([ids.nhaRong]);
		expect(await list({ collection: 'tay-nguyen' })).toEqual([ids.damTrau, ids.nhaRong]);
		expect(await list({ collection: 'khong-co' })).toEqual([]);
	});
});
