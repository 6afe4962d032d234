import { describe, expect, it } from 'vitest';
import { itemPreviewFrom, itemPreviewFromItem } from './item-preview';

describe('itemPreviewFrom', () => {
	it('reads a single record feature', () => {
		expect(
			itemPreviewFrom({ id: 7, kind: 'site', title_vi: 'Đình', title_en: 'Hall', cover: 12 })
		).toEqual({ id: 7, kind: 'site', titleVi: 'Đình', titleEn: 'Hall', cover: '/media/12' });
	});

	it('keeps only same-site cover URLs', () => {
		expect(itemPreviewFrom({ id: 1, kind: 'event', cover: '/media/3' })?.cover).toBe('/media/3');
		expect(itemPreviewFrom({ id: 1, kind: 'event', cover: '//evil.example/x.jpg' })?.cover).toBe(
			null
		);
		expect(itemPreviewFrom({ id: 1, kind: 'event', cover: 'https://x/y' })?.cover).toBe(null);
	});

	it('refuses clusters and unknown kinds', () => {
		expect(itemPreviewFrom({ count: 12 })).toBeNull();
		expect(itemPreviewFrom({ id: 3, kind: 'spaceship' })).toBeNull();
		expect(itemPreviewFrom({ id: 'x', kind: 'site' })).toBeNull();
	});
});

describe('preview from a list entry', () => {
	it('uses the localized titles and only our own cover URLs', () => {
		const base = { id: 7, kind: 'site' as const, title: 'Đình làng Đình Bảng' };
		expect(
			itemPreviewFromItem({
				...base,
				localized: { title: { vi: 'Đình làng Đình Bảng', en: 'Đình Bảng communal house' } },
				coverUrl: '/media/3'
			})
		).toEqual({
			id: 7,
			kind: 'site',
			titleVi: 'Đình làng Đình Bảng',
			titleEn: 'Đình Bảng communal house',
			cover: '/media/3'
		});
		expect(itemPreviewFromItem({ ...base, coverUrl: 'https://evil/x.png' }).cover).toBeNull();
		expect(itemPreviewFromItem(base).titleEn).toBe('Đình làng Đình Bảng');
	});
});
