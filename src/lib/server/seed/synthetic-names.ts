/**
 * Vietnamese-looking place names for synthetic records: syllables drawn with a Zipf-like skew
 * (common ones often, rare ones seldom), each paired with its ASCII form so English titles need
 * no Unicode folding in the hot loop.
 */
import type { ItemKind } from '../../domain/types';

/** Common place-name syllables, most frequent first: [Vietnamese, ASCII]. */
const SYLLABLES: ReadonlyArray<readonly [string, string]> = [
	['An', 'An'],
	['Phú', 'Phu'],
	['Tân', 'Tan'],
	['Hòa', 'Hoa'],
	['Bình', 'Binh'],
	['Thạnh', 'Thanh'],
	['Long', 'Long'],
	['Phước', 'Phuoc'],
	['Xuân', 'Xuan'],
	['Đông', 'Dong'],
	['Tây', 'Tay'],
	['Nam', 'Nam'],
	['Bắc', 'Bac'],
	['Trung', 'Trung'],
	['Thượng', 'Thuong'],
	['Hạ', 'Ha'],
	['Mỹ', 'My'],
	['Vĩnh', 'Vinh'],
	['Quảng', 'Quang'],
	['Đức', 'Duc'],
	['Hưng', 'Hung'],
	['Thuận', 'Thuan'],
	['Lộc', 'Loc'],
	['Thọ', 'Tho'],
	['Phong', 'Phong'],
	['Sơn', 'Son'],
	['Hải', 'Hai'],
	['Giang', 'Giang'],
	['Châu', 'Chau'],
	['Lâm', 'Lam'],
	['Khánh', 'Khanh'],
	['Điền', 'Dien'],
	['Thủy', 'Thuy'],
	['Kim', 'Kim'],
	['Ngọc', 'Ngoc'],
	['Hiệp', 'Hiep'],
	['Lợi', 'Loi'],
	['Hội', 'Hoi'],
	['Cát', 'Cat'],
	['Tịnh', 'Tinh'],
	['Nghĩa', 'Nghia'],
	['Thiện', 'Thien'],
	['Văn', 'Van'],
	['Đình', 'Dinh'],
	['Yên', 'Yen'],
	['Lạc', 'Lac'],
	['Hồng', 'Hong'],
	['Liên', 'Lien'],
	['Minh', 'Minh'],
	['Quang', 'Quang'],
	['Thái', 'Thai'],
	['Cường', 'Cuong'],
	['Hậu', 'Hau'],
	['Tiền', 'Tien'],
	['Lương', 'Luong'],
	['Mai', 'Mai'],
	['Trà', 'Tra'],
	['Hương', 'Huong'],
	['Vạn', 'Van'],
	['Diên', 'Dien'],
	['Ninh', 'Ninh'],
	['Định', 'Dinh'],
	['Hà', 'Ha'],
	['Kỳ', 'Ky'],
	['Lũy', 'Luy'],
	['Bồng', 'Bong'],
	['Kon', 'Kon'],
	['Plei', 'Plei'],
	['Đăk', 'Dak'],
	['Buôn', 'Buon'],
	['Ia', 'Ia'],
	['Krông', 'Krong'],
	['Mường', 'Muong'],
	['Nà', 'Na'],
	['Bản', 'Ban'],
	['Pác', 'Pac'],
	['Khuổi', 'Khuoi'],
	['Lũng', 'Lung'],
	['Sóc', 'Soc'],
	['Phum', 'Phum'],
	['Tà', 'Ta'],
	['Rơ', 'Ro'],
	['Glar', 'Glar'],
	['Klor', 'Klor'],
	['Tu', 'Tu'],
	['Măng', 'Mang'],
	['Ngãi', 'Ngai'],
	['Chánh', 'Chanh'],
	['Lễ', 'Le'],
	['Triều', 'Trieu'],
	['Quý', 'Quy'],
	['Thắng', 'Thang'],
	['Tuy', 'Tuy'],
	['Cẩm', 'Cam'],
	['Điện', 'Dien'],
	['Khê', 'Khe']
];

/** Zipf-like: squaring a uniform draw favours the front of the list. */
export function pickSyllable(r: () => number): readonly [string, string] {
	const u = r();
	return SYLLABLES[Math.floor(u * u * SYLLABLES.length)];
}

/** A 2–3 syllable proper name, e.g. ["Phú Xuân", "Phu Xuan"]. */
export function placeName(r: () => number): [vi: string, en: string] {
	const n = r() < 0.8 ? 2 : 3;
	let vi = '';
	let en = '';
	for (let i = 0; i < n; i++) {
		const [v, e] = pickSyllable(r);
		vi += (i ? ' ' : '') + v;
		en += (i ? ' ' : '') + e;
	}
	return [vi, en];
}

/** Head nouns per kind: [Vietnamese before the name, English after it]. */
export const KIND_NOUNS: Record<ItemKind, ReadonlyArray<readonly [string, string]>> = {
	site: [
		['Di tích', 'historic site'],
		['Di chỉ', 'archaeological site'],
		['Gò', 'mound'],
		['Bến', 'landing'],
		['Núi', 'mountain']
	],
	structure: [
		['Đình làng', 'communal house'],
		['Chùa', 'pagoda'],
		['Đền', 'temple'],
		['Miếu', 'shrine'],
		['Nhà rông', 'communal house'],
		['Tháp', 'tower'],
		['Cầu', 'bridge'],
		['Lăng', 'tomb']
	],
	artefact: [
		['Trống đồng', 'bronze drum'],
		['Tượng', 'statue'],
		['Chum gốm', 'pottery jar'],
		['Bộ chiêng', 'gong set'],
		['Bia đá', 'stone stele']
	],
	document: [
		['Sắc phong', 'royal decree'],
		['Gia phả', 'family genealogy'],
		['Địa bạ', 'land register'],
		['Văn bia', 'stele inscription']
	],
	practice: [
		['Lễ hội', 'festival'],
		['Lễ cúng', 'ritual'],
		['Nghề dệt', 'weaving'],
		['Nghề gốm', 'pottery craft'],
		['Hát', 'folk singing'],
		['Múa', 'dance']
	],
	event: [
		['Khởi nghĩa', 'uprising'],
		['Trận', 'battle'],
		['Hội thề', 'oath gathering']
	],
	person: [
		['Nghệ nhân', 'artisan'],
		['Danh nhân', 'notable']
	]
};
