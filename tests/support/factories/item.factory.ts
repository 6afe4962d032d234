/**
 * Valid NewItem values for tests. `buildItem()` needs nothing in the database first: it links no
 * vocabulary terms and no community groups unless the overrides do.
 */
import type { LngLat, NewItem } from '$lib/domain/types';

let seq = 0;

export function buildItem(overrides: Partial<NewItem> = {}): NewItem {
	seq += 1;
	return {
		slug: `item-${seq}`,
		kind: 'site',
		status: 'published',
		visibility: 'public',
		communityGroups: [],
		title: { vi: `Di tích số ${seq}`, en: `Heritage site number ${seq}` },
		summary: { vi: 'Tóm tắt', en: 'Summary' },
		body: {},
		location: { point: [107.5, 14.5], geometry: null, precision: 'exact' },
		place: { province: 'Kon Tum', district: null, commune: null },
		time: { startYear: null, endYear: null, label: {} },
		ethnicGroups: [],
		subjects: [],
		rights: {
			license: 'https://creativecommons.org/licenses/by/4.0/',
			holder: null,
			credit: null,
			sourceInstitution: null
		},
		dc: { creator: [], contributor: [], source: null, relation: [], language: [] },
		...overrides
	};
}

/** An item at `point` with the given precision. */
export function buildItemAt(
	point: LngLat | null,
	overrides: Partial<NewItem> = {},
	precision: NewItem['location']['precision'] = 'exact'
): NewItem {
	return buildItem({ location: { point, geometry: null, precision }, ...overrides });
}

/**
 * Real Vietnamese records for search: chosen so that folding, đ, prefixes and the exact-diacritic
 * boost each decide a result. Only Dinh Độc Lập contains the bare word "dinh"; only Đình Bảng
 * contains "đình".
 */
export const heritage = {
	dinhBang: (o: Partial<NewItem> = {}) =>
		buildItem({
			slug: 'dinh-lang-dinh-bang',
			kind: 'structure',
			title: { vi: 'Đình làng Đình Bảng', en: 'Đình Bảng communal house' },
			summary: { vi: 'Ngôi đình cổ ở Bắc Ninh', en: 'A village hall from the 18th century' },
			body: { vi: 'Thờ Thành hoàng làng.', en: 'Worship of the village guardian spirit.' },
			location: { point: [105.9586, 21.1097], geometry: null, precision: 'exact' },
			place: { province: 'Bắc Ninh', district: 'Từ Sơn', commune: 'Đình Bảng' },
			...o
		}),
	dinhDocLap: (o: Partial<NewItem> = {}) =>
		buildItem({
			slug: 'dinh-doc-lap',
			kind: 'structure',
			title: { vi: 'Dinh Độc Lập', en: 'Independence Palace' },
			summary: { vi: 'Dinh thự ở Sài Gòn', en: 'A palace in Saigon' },
			body: {},
			location: { point: [106.6953, 10.777], geometry: null, precision: 'exact' },
			place: { province: 'Hồ Chí Minh', district: null, commune: null },
			...o
		}),
	nhaRong: (o: Partial<NewItem> = {}) =>
		buildItem({
			slug: 'nha-rong-kon-klor',
			kind: 'structure',
			title: { vi: 'Nhà rông Kon Klor', en: 'Kon Klor communal house', bdq: 'Rông Kon Klor' },
			summary: { vi: 'Nhà rông của người Ba Na', en: 'Meeting house of the Bahnar' },
			body: {},
			location: { point: [108.0186, 14.3545], geometry: null, precision: 'exact' },
			place: { province: 'Kon Tum', district: null, commune: null },
			...o
		}),
	damTrau: (o: Partial<NewItem> = {}) =>
		buildItem({
			slug: 'le-hoi-dam-trau',
			kind: 'practice',
			title: { vi: 'Lễ hội đâm trâu', en: 'Buffalo sacrifice festival' },
			summary: { vi: 'Nghi lễ của người Tây Nguyên', en: 'A Central Highlands ritual' },
			body: {},
			location: { point: [108.2, 14.5], geometry: null, precision: 'exact' },
			place: { province: 'Gia Lai', district: null, commune: null },
			...o
		})
};
