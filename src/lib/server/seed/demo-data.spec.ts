import { describe, expect, it } from 'vitest';
import { ITEM_KINDS } from '../../domain/types';
import { ValidationError } from '../errors';
import itemsFile from '../../../../db/seed/items.json';
import { loadDemoData, parseCollections, parseDemoRecords } from './demo-data';
import { isSceneName } from './demo-scenes';
import { VIETNAM_BBOX } from './seed.schema';

const data = loadDemoData();
const items = data.records.map((r) => r.item);
const terms = (scheme: string) => data.vocabularies.filter((t) => t.scheme === scheme);

describe('vocabularies.json', () => {
	it('lists the 54 officially recognised ethnic groups, in the official order', () => {
		const groups = terms('ethnic_group');
		expect(groups).toHaveLength(54);
		expect(new Set(groups.map((g) => g.code)).size).toBe(54);
		expect(groups.map((g) => g.position)).toEqual(Array.from({ length: 54 }, (_, i) => i + 1));
		expect(groups.slice(0, 4).map((g) => g.code)).toEqual(['kinh', 'tay', 'thai', 'hoa']);
		expect(groups.at(-1)?.code).toBe('ro-mam');
		const bahnar = groups.find((g) => g.code === 'ba-na');
		expect(bahnar?.label).toEqual({ vi: 'Ba Na', en: 'Bahnar' });
		expect(bahnar?.note.en).toMatch(/Austroasiatic/);
	});

	it('gives every ethnic group an English name, a language family and other names', () => {
		for (const g of terms('ethnic_group')) {
			expect(g.label.en, g.code).toBeTruthy();
			expect(g.note.vi && g.note.en, g.code).toBeTruthy();
			expect(g.altLabels.length, g.code).toBeGreaterThan(0);
		}
	});

	it('has exactly the item kinds of the domain model, and ~20 subjects', () => {
		expect(terms('item_kind').map((t) => t.code)).toEqual([...ITEM_KINDS]);
		expect(terms('subject').length).toBeGreaterThanOrEqual(20);
	});
});

describe('items.json', () => {
	it('holds at least 60 records with unique slugs', () => {
		expect(items.length).toBeGreaterThanOrEqual(60);
		expect(new Set(items.map((i) => i.slug)).size).toBe(items.length);
	});

	it('covers the library region most, and many other provinces', () => {
		const per = (p: string) => items.filter((i) => i.place.province === p).length;
		expect(per('Quảng Ngãi')).toBeGreaterThanOrEqual(10);
		expect(per('Kon Tum')).toBeGreaterThanOrEqual(10);
		for (const p of ['Thừa Thiên Huế', 'Sơn La', 'Quảng Nam', 'Hà Nội', 'Ninh Thuận', 'An Giang']) {
			expect(per(p), p).toBeGreaterThan(0);
		}
		expect(new Set(items.map((i) => i.place.province)).size).toBeGreaterThanOrEqual(20);
	});

	it('includes the records other features rely on', () => {
		const bySlugTitle = new Map(items.map((i) => [i.title.vi, i]));
		expect(bySlugTitle.get('Đình làng Đình Bảng')?.place.province).toBe('Bắc Ninh');
		const buffalo = bySlugTitle.get('Lễ hội đâm trâu');
		expect(buffalo?.kind).toBe('practice');
		expect(buffalo?.location.precision).toBe('region');
		expect(buffalo?.ethnicGroups).toEqual(
			expect.arrayContaining(['ba-na', 'xo-dang', 'gie-trieng'])
		);
	});

	it('exercises the access and location rules', () => {
		expect(items.filter((i) => i.status === 'draft').length).toBeGreaterThanOrEqual(1);
		const community = items.filter((i) => i.visibility === 'community');
		expect(community.length).toBeGreaterThanOrEqual(1);
		for (const i of community) expect(i.communityGroups.length, i.slug).toBeGreaterThan(0);
		const precisions = new Set(items.map((i) => i.location.precision));
		expect([...precisions]).toEqual(expect.arrayContaining(['exact', 'approximate', 'region']));
		const shapes = new Set(items.map((i) => i.location.geometry?.type).filter(Boolean));
		expect([...shapes]).toEqual(expect.arrayContaining(['LineString', 'Polygon']));
		expect(items.some((i) => (i.time.startYear ?? 0) < 0)).toBe(true);
		const kinds = new Set(items.map((i) => i.kind));
		expect(kinds.size).toBe(ITEM_KINDS.length);
	});

	it('places every point inside Viet Nam, with Quảng Ngãi and Kon Tum points nearby', () => {
		for (const { slug, location, place } of items) {
			const [lng, lat] = location.point!;
			expect(lng, slug).toBeGreaterThanOrEqual(VIETNAM_BBOX.west);
			expect(lng, slug).toBeLessThanOrEqual(VIETNAM_BBOX.east);
			expect(lat, slug).toBeGreaterThanOrEqual(VIETNAM_BBOX.south);
			expect(lat, slug).toBeLessThanOrEqual(VIETNAM_BBOX.north);
			// A point in the wrong province is the commonest data mistake: check the region's two.
			if (place.province === 'Kon Tum')
				expect(lat > 14 && lat < 15.5 && lng < 108.6, slug).toBe(true);
			if (place.province === 'Quảng Ngãi')
				expect(lat > 14.5 && lat < 15.5 && lng > 108.3, slug).toBe(true);
		}
	});

	it('names only known terms, groups and illustration motifs', () => {
		const codes = new Set(data.vocabularies.map((t) => `${t.scheme}:${t.code}`));
		const groups = new Set(data.communityGroups.map((g) => g.slug));
		for (const { item, scene } of data.records) {
			for (const c of item.ethnicGroups)
				expect(codes.has(`ethnic_group:${c}`), `${item.slug} ${c}`).toBe(true);
			for (const c of item.subjects)
				expect(codes.has(`subject:${c}`), `${item.slug} ${c}`).toBe(true);
			for (const g of item.communityGroups) expect(groups.has(g), `${item.slug} ${g}`).toBe(true);
			expect(isSceneName(scene), `${item.slug} ${scene}`).toBe(true);
		}
	});
});

describe('parseDemoRecords', () => {
	const raw = (itemsFile as { items: Array<Record<string, unknown>> }).items;
	const parseOne = (patch: Record<string, unknown>) =>
		parseDemoRecords({ items: [{ ...raw[0], ...patch }] }, data.vocabularies, data.communityGroups);

	it('accepts a valid record', () => {
		expect(parseOne({})[0].item.slug).toBe(raw[0].slug);
	});

	it.each([
		[{ ethnicGroups: ['bahnar-x'] }, /unknown ethnic group "bahnar-x"/],
		[{ subjects: ['astrology'] }, /unknown subject "astrology"/],
		[{ kind: 'building' }, /kind/],
		[{ title: { vi: 'Chỉ tiếng Việt' } }, /both a Vietnamese \(vi\) and an English \(en\)/],
		[{ location: { point: [2.35, 48.85], geometry: null, precision: 'exact' } }, /inside Viet Nam/],
		[{ visibility: 'community', communityGroups: [] }, /community group/]
	])('rejects %j with a message naming the record', (patch, message) => {
		let caught: unknown;
		try {
			parseOne(patch);
		} catch (e) {
			caught = e;
		}
		expect(caught).toBeInstanceOf(ValidationError);
		expect((caught as Error).message).toMatch(message);
		expect((caught as Error).message).toContain(String(raw[0].slug));
	});

	it('rejects a slug used twice', () => {
		expect(() =>
			parseDemoRecords({ items: [raw[0], raw[0]] }, data.vocabularies, data.communityGroups)
		).toThrow(/slug is used twice/);
	});
});

describe('collections.json', () => {
	it('has bilingual demo collections whose members are demo records', () => {
		expect(data.collections.map((c) => c.slug)).toEqual([
			'nha-rong-tay-nguyen',
			'le-hoi',
			'di-san-cham'
		]);
		const slugs = new Set(items.map((i) => i.slug));
		for (const c of data.collections) {
			expect(c.title.vi && c.title.en, c.slug).toBeTruthy();
			expect(c.items.length, c.slug).toBeGreaterThanOrEqual(5);
			for (const s of c.items) expect(slugs.has(s), `${c.slug}: ${s}`).toBe(true);
		}
	});

	it('rejects unknown records, a repeated record and a repeated slug, naming the collection', () => {
		const one = data.collections[0];
		const check = (collections: unknown[]) => () => parseCollections({ collections }, data.records);
		expect(check([{ ...one, items: ['khong-co'] }])).toThrow(/nha-rong-tay-nguyen.*khong-co/);
		expect(check([{ ...one, items: [one.items[0], one.items[0]] }])).toThrow(/twice/);
		expect(check([one, one])).toThrow(/slug is used twice/);
		expect(check([{ ...one, title: { vi: 'Chỉ tiếng Việt' } }])).toThrow(ValidationError);
	});
});
