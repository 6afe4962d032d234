/**
 * Renders the demo records' pictures locally (no downloads): an SVG scene chosen by the record's
 * motif, kind and region, coloured by a hash of its slug, with the Vietnamese title in a caption
 * band; sharp (librsvg) turns it into a 1200×800 JPEG. Same input, same bytes.
 */
import sharp from 'sharp';
import type { ItemKind, LocalizedText } from '../../domain/types';
import {
	backdrop,
	frameTrees,
	GROUND_Y,
	HEIGHT,
	sky,
	WIDTH,
	type Backdrop
} from './demo-backdrops';
import { hash32, mulberry32, paletteFor, xmlEscape } from './demo-palette';
import { isSceneName, SCENES, type SceneName } from './demo-scenes';

export interface DemoImageSubject {
	slug: string;
	kind: ItemKind;
	title: LocalizedText;
	subjects: string[];
	province: string | null;
	/** A motif from demo-scenes.ts; unknown or missing falls back by kind. */
	scene?: string;
}

export interface DemoImage {
	buffer: Buffer;
	width: number;
	height: number;
	mimeType: 'image/jpeg';
	alt: LocalizedText;
	caption: LocalizedText;
}

const KIND_SCENE: Record<ItemKind, SceneName> = {
	site: 'karst',
	structure: 'temple',
	artefact: 'jars',
	document: 'manuscript',
	practice: 'gongs',
	event: 'monument',
	person: 'monument'
};

const KIND_LABEL: Record<ItemKind, string> = {
	site: 'Di tích, địa điểm',
	structure: 'Công trình kiến trúc',
	artefact: 'Hiện vật',
	document: 'Tài liệu',
	practice: 'Di sản phi vật thể',
	event: 'Sự kiện lịch sử',
	person: 'Nhân vật'
};

/** What each motif shows, for alt text (the picture is an illustration, not a photograph). */
const SCENE_ALT: Record<SceneName, [vi: string, en: string]> = {
	rong: [
		'nhà rông mái cao hình lưỡi rìu trên cột gỗ',
		'a tall axe-blade roofed communal house on stilts'
	],
	longhouse: ['nhà dài trên cột gỗ', 'a longhouse on stilts'],
	tower: ['hai tháp gạch Chăm', 'two Cham brick towers'],
	ruins: ['tàn tích tháp gạch', 'ruined brick towers'],
	temple: ['ngôi đình, chùa mái cong', 'a temple with curved roofs'],
	'khmer-temple': ['ngôi chùa Khmer mái nhọn nhiều tầng', 'a Khmer pagoda with a tiered spire'],
	dinh: ['ngôi đình mái lớn đầu đao cong', 'a communal house with a great curved roof'],
	gate: ['cổng tam quan có gác phía trên', 'a three-entrance gate with a pavilion above'],
	'one-pillar': [
		'ngôi chùa nhỏ trên một cột giữa hồ sen',
		'a small shrine on one pillar in a lotus pond'
	],
	tomb: [
		'lăng mộ với bậc cấp, trụ biểu và nhà bia',
		'a royal tomb with stairs, pillars and a stele pavilion'
	],
	shophouses: ['dãy nhà phố cổ có đèn lồng bên sông', 'old shophouses with lanterns by a river'],
	'pagoda-tower': ['ngôi chùa bên tháp nhiều tầng', 'a pagoda beside a tiered tower'],
	church: ['nhà thờ có tháp chuông nhọn', 'a church with a pointed bell tower'],
	citadel: ['tường thành có cổng và cột cờ', 'citadel walls with a gate and a flag'],
	rampart: ['tuyến lũy đất uốn lượn qua đồi', 'an earthen rampart winding over hills'],
	monument: ['đài tưởng niệm', 'a memorial monument'],
	stele: ['bia đá trên lưng rùa', 'stone stelae on tortoises'],
	statues: ['tượng gỗ quanh nhà mồ', 'wooden statues around a grave house'],
	bridge: ['cầu ngói bắc qua dòng nước', 'a roofed bridge over water'],
	flagpeak: ['cột cờ trên đỉnh núi', 'a flag tower on a summit'],
	gongs: ['dàn cồng chiêng và cây nêu', 'hanging gongs and a ritual pole'],
	dance: ['người múa vòng tròn', 'people dancing in a ring'],
	martial: ['người tập võ với côn', 'martial artists with staffs'],
	loom: ['tấm thổ cẩm hoa văn quả trám trên khung dệt', 'brocade with diamond motifs on a loom'],
	jars: ['những chiếc chum gốm', 'pottery jars'],
	'pottery-fire': ['gốm nung lộ thiên', 'pottery fired in the open'],
	boat: ['thuyền dài với người chèo trên sóng', 'a long boat with rowers on the waves'],
	manuscript: ['cuốn sách cổ mở', 'an open old manuscript'],
	epic: ['cuốn sách mở bên bếp lửa', 'an open book beside a hearth'],
	karst: ['núi đá vôi', 'limestone peaks'],
	lake: ['hồ nước giữa núi', 'a lake among hills'],
	pines: ['rừng thông trên cao nguyên', 'pine forest on a plateau'],
	terraces: ['ruộng bậc thang và kho lúa', 'terraced fields and a granary'],
	market: ['phiên chợ với ô dù và người', 'a market with umbrellas and people'],
	puppets: ['thủy đình và con rối trên mặt nước', 'a water pavilion with puppets on the water'],
	mangrove: ['rừng ngập mặn', 'mangrove forest'],
	rocks: ['những tảng đá có hình khắc', 'engraved boulders'],
	oxen: ['đôi bò kéo bừa trên ruộng', 'a pair of oxen pulling a harrow'],
	elephant: ['chú voi', 'an elephant'],
	forge: ['lò rèn với tia lửa', 'a forge with sparks'],
	instruments: ['đàn nguyệt, trống và sáo', 'a moon lute, a drum and a flute'],
	trough: [
		'máng nước tre dẫn nước vào chum, bên một chiếc chiêng',
		'a bamboo water trough filling a jar, beside a gong'
	],
	portrait: ['khung chân dung hình bóng người', 'a framed silhouette portrait'],
	print: ['tranh khắc gỗ con lợn trên giấy dó', 'a woodblock print of a pig on dó paper']
};

const HIGHLAND_PROVINCES = new Set([
	'Kon Tum',
	'Gia Lai',
	'Đắk Lắk',
	'Đắk Nông',
	'Lâm Đồng',
	'Sơn La',
	'Điện Biên',
	'Lai Châu',
	'Lào Cai',
	'Hà Giang',
	'Cao Bằng'
]);

export function sceneFor(subject: DemoImageSubject): SceneName {
	return subject.scene && isSceneName(subject.scene) ? subject.scene : KIND_SCENE[subject.kind];
}

function backdropFor(subject: DemoImageSubject, scene: SceneName): Backdrop {
	if (scene === 'boat' || subject.subjects.includes('maritime')) return 'sea';
	if (subject.province && HIGHLAND_PROVINCES.has(subject.province)) return 'mountains';
	return 'plains';
}

/** DejaVu Sans Bold averages ~0.62 em per character; shrink long titles to fit one line. */
function titleSize(title: string): number {
	return Math.max(28, Math.min(52, Math.floor(1100 / (title.length * 0.62))));
}

export function demoImageSvg(subject: DemoImageSubject): string {
	const seed = hash32(subject.slug);
	const r = mulberry32(seed);
	const p = paletteFor(seed);
	const scene = sceneFor(subject);
	const ctx = { p, r, cx: Math.round(WIDTH / 2 + (r() - 0.5) * 140), baseY: GROUND_Y };
	const title = subject.title.vi ?? Object.values(subject.title)[0] ?? subject.slug;
	const sub = [subject.province, KIND_LABEL[subject.kind]].filter(Boolean).join(' · ');
	const font = "'DejaVu Sans', 'Liberation Sans', sans-serif";
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
${sky(ctx)}
${backdrop(backdropFor(subject, scene), ctx)}
${frameTrees(ctx)}
${SCENES[scene](ctx)}
<rect x="0" y="650" width="${WIDTH}" height="150" fill="url(#band)"/>
<text x="48" y="718" font-family="${font}" font-weight="bold" font-size="${titleSize(title)}" fill="#ffffff">${xmlEscape(title)}</text>
<text x="50" y="764" font-family="${font}" font-size="24" fill="#ffffff" fill-opacity="0.82">${xmlEscape(sub)}</text>
<text x="${WIDTH - 40}" y="764" font-family="${font}" font-size="20" fill="#ffffff" fill-opacity="0.6" text-anchor="end">Minh họa · Disan</text>
</svg>`;
}

export async function renderDemoImage(subject: DemoImageSubject): Promise<DemoImage> {
	const svg = demoImageSvg(subject);
	const buffer = await sharp(Buffer.from(svg), { density: 72 })
		.resize(WIDTH, HEIGHT)
		.jpeg({ quality: 84, progressive: true })
		.toBuffer();
	const [vi, en] = SCENE_ALT[sceneFor(subject)];
	return {
		buffer,
		width: WIDTH,
		height: HEIGHT,
		mimeType: 'image/jpeg',
		alt: {
			vi: `Tranh minh họa ${vi}, kèm tiêu đề “${subject.title.vi ?? subject.slug}”`,
			en: `Illustration of ${en}, captioned “${subject.title.vi ?? subject.slug}”`
		},
		caption: {
			vi: 'Hình minh họa do Disan tạo tự động, không phải ảnh chụp di sản.',
			en: 'Illustration generated by Disan; not a photograph of the heritage.'
		}
	};
}
