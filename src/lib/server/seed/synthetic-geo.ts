/**
 * Where synthetic records fall: Gaussian clusters around real towns (weighted by rough
 * population), two very dense cores (Hà Nội Old Quarter, Huế citadel) and a thin rural scatter,
 * all kept inside a coarse outline of mainland Viet Nam. Real heritage data clusters like this,
 * so benchmarks on it exercise indexes the way production does.
 */
import type { LngLat } from '../../domain/types';

export interface Cluster {
	name: string;
	center: LngLat;
	/** Relative share of points (≈ population in thousands). */
	weight: number;
	/** Standard deviation of the Gaussian, in km. */
	sigmaKm: number;
	/** Ethnic groups most records here belong to, besides Kinh. */
	groups: string[];
}

const c = (
	name: string,
	lng: number,
	lat: number,
	weight: number,
	groups: string[] = [],
	sigmaKm = 8
): Cluster => ({
	name,
	center: [lng, lat],
	weight,
	sigmaKm,
	groups
});

export const CLUSTERS: Cluster[] = [
	// Dense cores: a few hundred metres across, like inventoried old quarters.
	c('Phố cổ Hà Nội', 105.85, 21.034, 900, [], 0.6),
	c('Kinh thành Huế', 107.5775, 16.472, 400, [], 0.8),
	c('Hà Nội', 105.8342, 21.0278, 6000, [], 12),
	c('TP. Hồ Chí Minh', 106.6297, 10.8231, 7000, ['hoa'], 14),
	c('Hải Phòng', 106.6881, 20.8449, 1800, [], 9),
	c('Đà Nẵng', 108.2022, 16.0544, 1100, ['co-tu'], 8),
	c('Cần Thơ', 105.7469, 10.0452, 1100, ['khmer', 'hoa'], 9),
	c('Huế', 107.5909, 16.4637, 500),
	c('Biên Hòa', 106.843, 10.9574, 900, ['hoa', 'cho-ro']),
	c('Thủ Dầu Một', 106.65, 10.98, 600),
	c('Nha Trang', 109.1967, 12.2388, 450, ['cham', 'ra-glai']),
	c('Vinh', 105.6813, 18.6796, 450, ['thai']),
	c('Quy Nhơn', 109.2194, 13.782, 400, ['ba-na', 'cham']),
	c('Buôn Ma Thuột', 108.0378, 12.6667, 420, ['e-de', 'mnong'], 10),
	c('Thái Nguyên', 105.8442, 21.5928, 400, ['tay', 'nung', 'san-diu']),
	c('Vũng Tàu', 107.0843, 10.346, 400),
	c('Thanh Hóa', 105.78, 19.8, 400, ['muong', 'thai']),
	c('Nam Định', 106.1683, 20.42, 330),
	c('Hạ Long', 107.0843, 20.9599, 300, ['dao', 'san-diu']),
	c('Long Xuyên', 105.4356, 10.3864, 280, ['khmer', 'cham']),
	c('Hải Dương', 106.33, 20.94, 250),
	c('Bắc Ninh', 106.07, 21.18, 250),
	c('Quảng Ngãi', 108.8, 15.12, 260, ['hre', 'co'], 10),
	c('Pleiku', 108.0, 13.9833, 250, ['gia-rai', 'ba-na'], 10),
	c('Rạch Giá', 105.0809, 10.0125, 240, ['khmer']),
	c('Mỹ Tho', 106.36, 10.36, 230),
	c('Cà Mau', 105.1524, 9.1769, 220, ['khmer']),
	c('Phan Thiết', 108.1, 10.93, 220, ['cham', 'ra-glai']),
	c('Đà Lạt', 108.44, 11.94, 220, ['co-ho', 'ma', 'chu-ru']),
	c('Việt Trì', 105.4, 21.32, 200, ['muong']),
	c('Thái Bình', 106.34, 20.45, 200),
	c('Bạc Liêu', 105.7244, 9.2941, 190, ['khmer', 'hoa']),
	c('Sóc Trăng', 105.9739, 9.6025, 190, ['khmer', 'hoa']),
	c('Kon Tum', 108.0, 14.35, 170, ['ba-na', 'xo-dang', 'gie-trieng', 'brau', 'ro-mam'], 12),
	c('Phan Rang', 108.99, 11.57, 170, ['cham', 'ra-glai']),
	c('Ninh Bình', 105.975, 20.25, 160, ['muong']),
	c('Cao Lãnh', 105.63, 10.46, 160),
	c('Bắc Giang', 106.19, 21.27, 150, ['nung', 'tay', 'san-chay']),
	c('Tuy Hòa', 109.32, 13.09, 150, ['e-de', 'cham']),
	c('Vĩnh Long', 105.97, 10.25, 140, ['khmer']),
	c('Tây Ninh', 106.1, 11.31, 140, ['khmer', 'cham']),
	c('Đồng Hới', 106.6, 17.48, 130, ['bru-van-kieu', 'chut']),
	c('Tân An', 106.41, 10.53, 130),
	c('Vĩnh Yên', 105.6, 21.31, 120, ['san-diu']),
	c('Lào Cai', 103.97, 22.49, 120, ['h-mong', 'dao', 'tay', 'giay'], 10),
	c('Bến Tre', 106.38, 10.24, 120),
	c('Tam Kỳ', 108.48, 15.57, 120, ['co-tu', 'gie-trieng']),
	c('Châu Đốc', 105.12, 10.7, 120, ['cham', 'khmer']),
	c('Trà Vinh', 106.34, 9.93, 110, ['khmer']),
	c('Hội An', 108.338, 15.88, 100, ['hoa'], 3),
	c('Đông Hà', 107.1, 16.816, 100, ['bru-van-kieu', 'ta-oi']),
	c('Hà Tĩnh', 105.9, 18.34, 100),
	c('Hưng Yên', 106.05, 20.65, 100),
	c('Sơn La', 103.91, 21.33, 100, ['thai', 'h-mong', 'kho-mu', 'xinh-mun'], 12),
	c('Hòa Bình', 105.34, 20.81, 100, ['muong', 'dao', 'thai']),
	c('Yên Bái', 104.87, 21.72, 100, ['tay', 'dao', 'h-mong']),
	c('Tuyên Quang', 105.21, 21.82, 100, ['tay', 'dao', 'san-chay']),
	c('Lạng Sơn', 106.76, 21.85, 100, ['nung', 'tay', 'dao']),
	c('Bảo Lộc', 107.8, 11.55, 100, ['ma', 'co-ho']),
	c('Đồng Xoài', 106.9, 11.53, 100, ['xtieng', 'mnong']),
	c('Phủ Lý', 105.92, 20.54, 90),
	c('Điện Biên Phủ', 103.02, 21.39, 80, ['thai', 'h-mong', 'kho-mu', 'lao'], 10),
	c('Vị Thanh', 105.47, 9.78, 80, ['khmer']),
	c('Cao Bằng', 106.26, 22.67, 70, ['tay', 'nung', 'h-mong', 'dao'], 10),
	c('Gia Nghĩa', 107.69, 12.0, 70, ['mnong', 'e-de'], 10),
	c('Hà Giang', 104.98, 22.82, 60, ['h-mong', 'tay', 'dao', 'lo-lo', 'pu-peo'], 12),
	c(
		'Lai Châu',
		103.47,
		22.4,
		50,
		['thai', 'h-mong', 'ha-nhi', 'la-hu', 'mang', 'cong', 'si-la'],
		12
	),
	c('Bắc Kạn', 105.83, 22.15, 40, ['tay', 'dao', 'nung']),
	c('Sa Pa', 103.844, 22.337, 40, ['h-mong', 'dao', 'giay', 'phu-la'], 5),
	c('Hà Tiên', 104.49, 10.38, 50, ['khmer', 'hoa'])
];

/** Province of each town whose name is not the province's own (pre-2025 provinces). */
const PROVINCE_OF: Record<string, string> = {
	'Phố cổ Hà Nội': 'Hà Nội',
	'Kinh thành Huế': 'Thừa Thiên Huế',
	Huế: 'Thừa Thiên Huế',
	'Biên Hòa': 'Đồng Nai',
	'Thủ Dầu Một': 'Bình Dương',
	'Nha Trang': 'Khánh Hòa',
	Vinh: 'Nghệ An',
	'Quy Nhơn': 'Bình Định',
	'Buôn Ma Thuột': 'Đắk Lắk',
	'Vũng Tàu': 'Bà Rịa – Vũng Tàu',
	'Hạ Long': 'Quảng Ninh',
	'Long Xuyên': 'An Giang',
	'Châu Đốc': 'An Giang',
	Pleiku: 'Gia Lai',
	'Rạch Giá': 'Kiên Giang',
	'Hà Tiên': 'Kiên Giang',
	'Mỹ Tho': 'Tiền Giang',
	'Phan Thiết': 'Bình Thuận',
	'Đà Lạt': 'Lâm Đồng',
	'Bảo Lộc': 'Lâm Đồng',
	'Việt Trì': 'Phú Thọ',
	'Phan Rang': 'Ninh Thuận',
	'Cao Lãnh': 'Đồng Tháp',
	'Tuy Hòa': 'Phú Yên',
	'Đồng Hới': 'Quảng Bình',
	'Tân An': 'Long An',
	'Vĩnh Yên': 'Vĩnh Phúc',
	'Tam Kỳ': 'Quảng Nam',
	'Hội An': 'Quảng Nam',
	'Đông Hà': 'Quảng Trị',
	'Đồng Xoài': 'Bình Phước',
	'Phủ Lý': 'Hà Nam',
	'Điện Biên Phủ': 'Điện Biên',
	'Vị Thanh': 'Hậu Giang',
	'Gia Nghĩa': 'Đắk Nông',
	'Sa Pa': 'Lào Cai',
	'TP. Hồ Chí Minh': 'TP. Hồ Chí Minh'
};

export function provinceOf(cluster: Cluster): string {
	return PROVINCE_OF[cluster.name] ?? cluster.name;
}

/** Coarse outline of mainland Viet Nam ([lng, lat], clockwise from Lũng Cú), good to ~20 km. */
export const VIETNAM_OUTLINE: LngLat[] = [
	[105.32, 23.39],
	[105.85, 22.95],
	[106.3, 22.98],
	[106.75, 22.83],
	[106.68, 22.35],
	[106.7, 21.98],
	[107.35, 21.65],
	[107.98, 21.52],
	[107.45, 21.2],
	[107.05, 20.9],
	[106.75, 20.7],
	[106.6, 20.25],
	[106.15, 19.95],
	[105.9, 19.6],
	[105.8, 19.05],
	[105.95, 18.55],
	[106.45, 17.95],
	[106.7, 17.4],
	[107.15, 16.85],
	[107.7, 16.5],
	[108.3, 16.1],
	[108.45, 15.85],
	[108.65, 15.6],
	[108.83, 15.43],
	[108.94, 15.25],
	[108.97, 15.05],
	[109.1, 14.3],
	[109.28, 13.7],
	[109.4, 12.95],
	[109.25, 12.2],
	[109.22, 11.75],
	[108.95, 11.3],
	[108.3, 10.95],
	[107.6, 10.55],
	[107.05, 10.3],
	[106.75, 9.95],
	[106.3, 9.45],
	[105.8, 9.2],
	[105.35, 8.75],
	[104.72, 8.58],
	[104.78, 9.35],
	[105.05, 9.95],
	[104.45, 10.4],
	[104.9, 10.9],
	[105.5, 10.95],
	[105.85, 11.1],
	[105.95, 11.6],
	[106.2, 11.78],
	[106.45, 11.7],
	[107.05, 12.05],
	[107.55, 12.3],
	[107.55, 13.05],
	[107.45, 13.8],
	[107.55, 14.7],
	[107.45, 15.25],
	[107.15, 15.8],
	[107.2, 16.2],
	[106.6, 16.55],
	[106.55, 17.05],
	[106.1, 17.6],
	[105.6, 18.25],
	[105.1, 18.7],
	[104.4, 19.15],
	[104.15, 19.65],
	[104.55, 20.2],
	[104.5, 20.55],
	[103.75, 20.7],
	[103.2, 20.85],
	[102.9, 21.5],
	[102.2, 21.75],
	[102.15, 22.4],
	[102.5, 22.75],
	[103.3, 22.8],
	[103.95, 22.55],
	[104.35, 22.75],
	[104.85, 22.95],
	[105.32, 23.39]
];

const XS = Float64Array.from(VIETNAM_OUTLINE, (p) => p[0]);
const YS = Float64Array.from(VIETNAM_OUTLINE, (p) => p[1]);

/** Even-odd ray casting over flat arrays. */
function insideOutline(lng: number, lat: number): boolean {
	let inside = false;
	for (let i = 0, j = XS.length - 1; i < XS.length; j = i++) {
		const yi = YS[i];
		const yj = YS[j];
		if (yi > lat !== yj > lat && lng < ((XS[j] - XS[i]) * (lat - yi)) / (yj - yi) + XS[i]) {
			inside = !inside;
		}
	}
	return inside;
}

const OUTLINE_BOX = {
	west: Math.min(...XS),
	east: Math.max(...XS),
	south: Math.min(...YS),
	north: Math.max(...YS)
};

/**
 * A 0.1° raster of the outline, so most tests are one array read: 1 = inside, 0 = outside,
 * 2 = the outline crosses this cell (or a neighbour), so ask the polygon.
 */
const CELL = 0.1;
const COLS = Math.ceil((OUTLINE_BOX.east - OUTLINE_BOX.west) / CELL) + 1;
const ROWS = Math.ceil((OUTLINE_BOX.north - OUTLINE_BOX.south) / CELL) + 1;
const MASK = buildMask();

function buildMask(): Uint8Array {
	const mask = new Uint8Array(COLS * ROWS);
	const col = (lng: number) => Math.floor((lng - OUTLINE_BOX.west) / CELL);
	const row = (lat: number) => Math.floor((lat - OUTLINE_BOX.south) / CELL);
	for (let i = 0; i < XS.length - 1; i++) {
		const steps = Math.ceil(Math.hypot(XS[i + 1] - XS[i], YS[i + 1] - YS[i]) / (CELL / 4)) + 1;
		for (let k = 0; k <= steps; k++) {
			const t = k / steps;
			const c0 = col(XS[i] + t * (XS[i + 1] - XS[i]));
			const r0 = row(YS[i] + t * (YS[i + 1] - YS[i]));
			for (let dc = -1; dc <= 1; dc++)
				for (let dr = -1; dr <= 1; dr++) {
					const c = c0 + dc;
					const r = r0 + dr;
					if (c >= 0 && c < COLS && r >= 0 && r < ROWS) mask[r * COLS + c] = 2;
				}
		}
	}
	for (let r = 0; r < ROWS; r++)
		for (let c = 0; c < COLS; c++) {
			const i = r * COLS + c;
			if (mask[i] === 0) {
				const lng = OUTLINE_BOX.west + (c + 0.5) * CELL;
				const lat = OUTLINE_BOX.south + (r + 0.5) * CELL;
				mask[i] = insideOutline(lng, lat) ? 1 : 0;
			}
		}
	return mask;
}

/** Whether a point lies inside the coarse mainland outline (islands are outside). */
export function insideVietnam([lng, lat]: LngLat): boolean {
	const c = Math.floor((lng - OUTLINE_BOX.west) / CELL);
	const r = Math.floor((lat - OUTLINE_BOX.south) / CELL);
	if (c < 0 || c >= COLS || r < 0 || r >= ROWS) return false;
	const cell = MASK[r * COLS + c];
	return cell === 2 ? insideOutline(lng, lat) : cell === 1;
}

/** Share of records scattered over the countryside rather than around a town. */
export const RURAL_SHARE = 0.05;

/** Picks points; `r` is the generator's PRNG so the sequence is reproducible. */
export function createPointSampler(r: () => number) {
	const total = CLUSTERS.reduce((s, k) => s + k.weight, 0);
	const cumulative: number[] = [];
	let acc = 0;
	for (const k of CLUSTERS) cumulative.push((acc += k.weight / total));
	const gauss = () => {
		const u = 1 - r();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
	};
	const pickCluster = (): Cluster => {
		const x = r();
		let lo = 0;
		let hi = cumulative.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (cumulative[mid] < x) lo = mid + 1;
			else hi = mid;
		}
		return CLUSTERS[lo];
	};
	const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
	return (): { point: LngLat; cluster: Cluster | null } => {
		if (r() < RURAL_SHARE) {
			for (;;) {
				const p: LngLat = [
					OUTLINE_BOX.west + r() * (OUTLINE_BOX.east - OUTLINE_BOX.west),
					OUTLINE_BOX.south + r() * (OUTLINE_BOX.north - OUTLINE_BOX.south)
				];
				if (insideVietnam(p)) return { point: [round4(p[0]), round4(p[1])], cluster: null };
			}
		}
		const k = pickCluster();
		const degLat = k.sigmaKm / 111.32;
		const degLng = degLat / Math.cos((k.center[1] * Math.PI) / 180);
		// A coastal town's Gaussian spills into the sea; retry a few times, then use the centre.
		for (let attempt = 0; attempt < 8; attempt++) {
			const p: LngLat = [k.center[0] + gauss() * degLng, k.center[1] + gauss() * degLat];
			if (insideVietnam(p)) return { point: [round4(p[0]), round4(p[1])], cluster: k };
		}
		return { point: k.center, cluster: k };
	};
}
