/**
 * Variants of Vietnamese sacred and civic buildings for the demo illustrations, so that pagodas,
 * communal houses, royal tombs and old towns do not all share one picture.
 */
import { WIDTH, type SceneContext } from './demo-backdrops';
import { temple } from './demo-scenes-built';

const f = (n: number) => n.toFixed(1);

/** A curved roof with upturned corners, centred on cx, eave at y. */
function roof(
	p: SceneContext['p'],
	cx: number,
	y: number,
	w: number,
	h: number,
	lift = 30
): string {
	return `<path d="M${f(cx - w / 2 - 40)} ${f(y - lift)} Q${f(cx - w / 2)} ${f(y)} ${f(cx - w / 2 + 30)} ${f(y)} L${f(cx + w / 2 - 30)} ${f(y)} Q${f(cx + w / 2)} ${f(y)} ${f(cx + w / 2 + 40)} ${f(y - lift)} L${f(cx + w / 2 - 60)} ${f(y - h)} L${f(cx - w / 2 + 60)} ${f(y - h)} Z" fill="${p.ink}"/>`;
}

/** Communal house (đình): one wide, heavy roof with big curling corners on a low platform. */
export function dinh({ p, cx, baseY }: SceneContext): string {
	const w = 560;
	const cols = Array.from({ length: 8 }, (_, i) => {
		const x = cx - w / 2 + 40 + i * ((w - 80) / 7);
		return `<rect x="${f(x - 8)}" y="${baseY - 100}" width="16" height="100" fill="${p.brick}"/>`;
	}).join('');
	return `<rect x="${cx - w / 2 - 30}" y="${baseY - 12}" width="${w + 60}" height="20" fill="${p.ink}" opacity="0.6"/>
<rect x="${cx - w / 2 + 20}" y="${baseY - 100}" width="${w - 40}" height="100" fill="${p.ink}" opacity="0.35"/>${cols}
${roof(p, cx, baseY - 96, w + 40, 150, 55)}
<path d="M${cx - w / 2 - 40} ${baseY - 151} q-30 -30 -10 -60 M${cx + w / 2 + 40} ${baseY - 151} q30 -30 10 -60" stroke="${p.ink}" stroke-width="12" fill="none" stroke-linecap="round"/>
<path d="M${cx - 200} ${baseY - 246} L${cx + 200} ${baseY - 246}" stroke="${p.ink}" stroke-width="14"/>
<path d="M${cx - 60} ${baseY - 256} q30 -30 60 0 q30 -30 60 0" stroke="${p.accent}" stroke-width="8" fill="none"/>`;
}

/** Three-entrance gate with a pavilion above (tam quan, Khuê Văn Các). */
export function gate({ p, cx, baseY }: SceneContext): string {
	const arch = (x: number, w: number, h: number) =>
		`<path d="M${x - w / 2} ${baseY} L${x - w / 2} ${baseY - h} Q${x} ${baseY - h - w * 0.7} ${x + w / 2} ${baseY - h} L${x + w / 2} ${baseY} Z" fill="${p.ink}" opacity="0.8"/>`;
	return `<rect x="${cx - 260}" y="${baseY - 200}" width="520" height="200" fill="${p.brick}"/>
${arch(cx - 160, 60, 70)}${arch(cx, 80, 100)}${arch(cx + 160, 60, 70)}
${roof(p, cx, baseY - 196, 560, 50)}
<rect x="${cx - 90}" y="${baseY - 330}" width="180" height="90" fill="${p.brick}"/>
<circle cx="${cx}" cy="${baseY - 285}" r="30" fill="${p.glow}" opacity="0.85"/>
${roof(p, cx, baseY - 326, 220, 70, 26)}`;
}

/** A small shrine on one pillar in a lotus pond (Chùa Một Cột). */
export function onePillar({ p, cx, baseY }: SceneContext): string {
	const lotus = [-330, -220, 210, 320]
		.map(
			(dx) =>
				`<ellipse cx="${cx + dx}" cy="${baseY + 10}" rx="36" ry="10" fill="${p.mid}"/><path d="M${cx + dx} ${baseY + 4} q-12 -26 0 -40 q12 14 0 40" fill="${p.accent}" opacity="0.8"/>`
		)
		.join('');
	return `<rect x="0" y="${baseY - 40}" width="${WIDTH}" height="150" fill="${p.sea}"/>${lotus}
<rect x="${cx - 22}" y="${baseY - 170}" width="44" height="160" fill="${p.mid}" stroke="${p.ink}" stroke-width="5"/>
<path d="M${cx - 90} ${baseY - 170} L${cx + 90} ${baseY - 170} L${cx + 40} ${baseY - 140} L${cx - 40} ${baseY - 140} Z" fill="${p.ink}"/>
<rect x="${cx - 80}" y="${baseY - 260}" width="160" height="90" fill="${p.brick}"/>
${roof(p, cx, baseY - 256, 200, 90, 34)}
<path d="M${cx - 30} ${baseY - 350} q30 -28 60 0" stroke="${p.ink}" stroke-width="8" fill="none"/>`;
}

/** Royal tomb: stairs, paired pillars (trụ biểu) and a stele pavilion on a terrace. */
export function tomb({ p, cx, baseY }: SceneContext): string {
	const steps = Array.from({ length: 5 }, (_, i) => {
		const w = 520 - i * 70;
		return `<rect x="${cx - w / 2}" y="${baseY - 24 - i * 24}" width="${w}" height="24" fill="${p.mid}" stroke="${p.ink}" stroke-width="3"/>`;
	}).join('');
	const pillar = (x: number) =>
		`<rect x="${x - 12}" y="${baseY - 330}" width="24" height="330" fill="${p.mid}" stroke="${p.ink}" stroke-width="4"/><path d="M${x - 18} ${baseY - 330} L${x} ${baseY - 370} L${x + 18} ${baseY - 330} Z" fill="${p.ink}"/>`;
	const top = baseY - 120;
	return `${pillar(cx - 300)}${pillar(cx + 300)}${steps}
<rect x="${cx - 90}" y="${top - 120}" width="180" height="120" fill="${p.brick}"/>
<path d="M${cx - 30} ${top} L${cx - 30} ${top - 60} Q${cx} ${top - 90} ${cx + 30} ${top - 60} L${cx + 30} ${top} Z" fill="${p.ink}" opacity="0.8"/>
${roof(p, cx, top - 116, 220, 70, 26)}`;
}

/** A row of old shophouses with lanterns on a river front (Hội An). */
export function shophouses({ p, cx, baseY, r }: SceneContext): string {
	const houses = Array.from({ length: 5 }, (_, i) => {
		const x = cx - 400 + i * 170;
		const h = 140 + r() * 50;
		const wall = i % 2 === 0 ? p.glow : p.brick;
		return `<rect x="${x}" y="${f(baseY - h)}" width="160" height="${f(h)}" fill="${wall}" stroke="${p.ink}" stroke-width="4"/>
<path d="M${x - 14} ${f(baseY - h + 4)} L${x + 20} ${f(baseY - h - 50)} L${x + 140} ${f(baseY - h - 50)} L${x + 174} ${f(baseY - h + 4)} Z" fill="${p.ink}"/>
<rect x="${x + 55}" y="${baseY - 80}" width="50" height="80" fill="${p.ink}" opacity="0.7"/>
<rect x="${x + 20}" y="${f(baseY - h + 30)}" width="120" height="14" fill="${p.ink}" opacity="0.35"/>
<ellipse cx="${x + 30}" cy="${baseY - 100}" rx="13" ry="17" fill="${p.accent}"/><ellipse cx="${x + 130}" cy="${baseY - 100}" rx="13" ry="17" fill="${p.accent}"/>`;
	}).join('');
	return `${houses}<rect x="0" y="${baseY + 20}" width="${WIDTH}" height="90" fill="${p.sea}"/>`;
}

/** Temple with a tiered stupa beside it (Thiên Mụ's Phước Duyên tower, Bút Tháp's Báo Nghiêm). */
export function pagodaTower(ctx: SceneContext): string {
	const { p, baseY } = ctx;
	const x = ctx.cx + 300;
	const tiers = Array.from({ length: 7 }, (_, i) => {
		const w = 110 - i * 11;
		const y = baseY - (i + 1) * 52;
		return `<rect x="${f(x - w / 2)}" y="${y}" width="${f(w)}" height="52" fill="${p.brick}" stroke="${p.ink}" stroke-width="3"/>
<path d="M${f(x - w / 2 - 18)} ${y + 4} L${f(x + w / 2 + 18)} ${y + 4} L${f(x + w / 2)} ${y - 8} L${f(x - w / 2)} ${y - 8} Z" fill="${p.ink}"/>`;
	}).join('');
	return `${temple({ ...ctx, cx: ctx.cx - 120 })}${tiers}<path d="M${x - 6} ${baseY - 372} L${x} ${baseY - 430} L${x + 6} ${baseY - 372} Z" fill="${p.ink}"/>`;
}
