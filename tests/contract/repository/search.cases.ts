import { beforeEach, describe, expect, it } from 'vitest';
import { buildItem, heritage } from '../../support/factories/item.factory';
import { anonymous, type ContractContext } from './context';

export function searchCases(ctx: ContractContext): void {
	describe('items: search', () => {
		let ids: Record<keyof typeof heritage, number>;

		beforeEach(async () => {
			const [dinhBang, dinhDocLap, nhaRong, damTrau] = await ctx.db.items.createMany([
				heritage.dinhBang(),
				heritage.dinhDocLap(),
				heritage.nhaRong(),
				heritage.damTrau()
			]);
			ids = { dinhBang, dinhDocLap, nhaRong, damTrau };
		});

		const find = async (
			q: string,
			opts: Parameters<typeof ctx.db.items.search>[2] = { limit: 20 }
		) => (await ctx.db.items.search(q, anonymous, opts)).map((r) => r.id);

		it('folds Vietnamese diacritics and đ', async () => {
			expect(await find('dinh lang')).toEqual([ids.dinhBang]);
			expect(await find('dam trau')).toEqual([ids.damTrau]);
			expect(await find('nha rong')).toEqual([ids.nhaRong]);
			expect(await find('ĐÂM TRÂU')).toEqual([ids.damTrau]);
		});

		it('matches the last word as a prefix while typing, and needs every word', async () => {
			expect(await find('kon kl')).toEqual([ids.nhaRong]);
			expect(await find('kon')).toEqual([ids.nhaRong]);
			expect(await find('kon xyz')).toEqual([]);
			expect(await find('nha kl')).toEqual([ids.nhaRong]);
			expect(await find('kon k')).toEqual([ids.nhaRong]);
			expect(await find('nha r')).toEqual([ids.nhaRong]);
			expect(await find('kon z')).toEqual([]);
			expect(await find('k')).toEqual([ids.nhaRong]);
		});

		it('searches English and minority-language text too', async () => {
			expect((await find('communal house')).sort()).toEqual([ids.dinhBang, ids.nhaRong].sort());
			expect(await find('buffalo')).toEqual([ids.damTrau]);
			expect(await find('guardian spirit')).toEqual([ids.dinhBang]);
		});

		it('ranks exact-diacritic matches first', async () => {
			const withMarks = await find('đình');
			expect(withMarks[0]).toBe(ids.dinhBang);
			expect(withMarks.sort()).toEqual([ids.dinhBang, ids.dinhDocLap].sort());
			const bare = await find('dinh');
			expect(bare).toEqual([ids.dinhDocLap, ids.dinhBang]);
		});

		it('scores higher first, and an exact match above any fuzzy one', async () => {
			const results = await ctx.db.items.search('dinh', anonymous, { limit: 20 });
			expect(results).toHaveLength(2);
			expect(results[0].score).toBeGreaterThan(results[1].score);
			for (const r of results) expect(Number.isFinite(r.score)).toBe(true);
			expect(results[0]).toMatchObject({
				slug: 'dinh-doc-lap',
				kind: 'structure',
				title: { vi: 'Dinh Độc Lập', en: 'Independence Palace' },
				publicPoint: [106.6953, 10.777],
				province: 'Hồ Chí Minh',
				coverMediaId: null
			});
		});

		it('treats query syntax as plain words: never throws, never matches everything', async () => {
			for (const q of [
				'"*-OR:(',
				'dinh OR lang',
				'NOT dinh',
				'kon*',
				"d'inh",
				'a"b',
				'(((',
				'^',
				'x:y'
			]) {
				const r = await find(q);
				expect(r.length).toBeLessThan(4);
			}
			expect(await find('"*-:()')).toEqual([]);
			expect(await find('kon*')).toEqual([ids.nhaRong]);
		});

		it('returns [] for an empty or blank query', async () => {
			expect(await find('')).toEqual([]);
			expect(await find('   ')).toEqual([]);
		});

		it('restricts matching to one language with lang', async () => {
			expect(await find('communal house', { limit: 20, lang: 'vi' })).toEqual([]);
			expect((await find('communal house', { limit: 20, lang: 'en' })).length).toBe(2);
			expect(await find('rong', { limit: 20, lang: 'bdq' })).toEqual([ids.nhaRong]);
			expect(await find('nha rong', { limit: 20, lang: 'bdq' })).toEqual([]);
		});

		it('restricts to a bbox', async () => {
			const kontum = { west: 107.5, south: 14, east: 108.5, north: 15 };
			expect(await find('communal house', { limit: 20, bbox: kontum })).toEqual([ids.nhaRong]);
		});

		it('applies the item filter', async () => {
			expect(await find('le hoi', { limit: 20, filter: { kinds: ['structure'] } })).toEqual([]);
			expect(await find('le hoi', { limit: 20, filter: { kinds: ['practice'] } })).toEqual([
				ids.damTrau
			]);
		});

		it('pages with limit and offset over one stable order', async () => {
			const more = await ctx.db.items.createMany(
				Array.from({ length: 5 }, (_, i) =>
					buildItem({ title: { vi: `Nhà rông làng ${i}`, en: `Village house ${i}` } })
				)
			);
			const all = await find('nha rong', { limit: 50 });
			expect(all.sort((a, b) => a - b)).toEqual([ids.nhaRong, ...more].sort((a, b) => a - b));
			const full = await find('nha rong', { limit: 50 });
			const pages = [
				...(await find('nha rong', { limit: 2, offset: 0 })),
				...(await find('nha rong', { limit: 2, offset: 2 })),
				...(await find('nha rong', { limit: 2, offset: 4 }))
			];
			expect(pages).toEqual(full);
			expect(await find('nha rong', { limit: 2, offset: 100 })).toEqual([]);
		});

		it('follows updates and deletes', async () => {
			await ctx.db.items.update(ids.nhaRong, {
				title: { vi: 'Nhà văn hoá Kon Klor', en: 'Kon Klor cultural house' }
			});
			expect(await find('communal house')).toEqual([ids.dinhBang]);
			expect(await find('van hoa')).toEqual([ids.nhaRong]);
			expect(await find('nha rong')).toEqual([ids.nhaRong]); // summary still says nhà rông
			await ctx.db.items.delete(ids.nhaRong);
			expect(await find('kon klor')).toEqual([]);
		});
	});
}
