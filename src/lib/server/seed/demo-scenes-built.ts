/**
 * Built motifs for the demo illustrations (houses, towers, temples, walls, monuments), drawn as
 * simple silhouettes so they read at thumbnail size. Each stands on ctx.baseY around ctx.cx.
 */
import { WIDTH, GROUND_Y, type SceneContext } from './demo-backdrops';

const f = (n: number) => n.toFixed(1);

/** Tall axe-blade roof of a Central Highlands communal house (nhà rông, nhà gươl). */
export function rong({ p, cx, baseY, r }: SceneContext): string {
	const h = 330 + r() * 60;
	const top = baseY - h;
	const eave = baseY - 120;
	const stilts = [-95, -45, 5, 55, 95]
		.map(
			(dx) =>
				`<rect x="${cx + dx - 6}" y="${eave + 55}" width="12" height="${baseY - eave - 55}" fill="${p.ink}"/>`
		)
		.join('');
	const thatch = Array.from({ length: 7 }, (_, i) => {
		const y = top + 40 + i * ((eave - top - 40) / 7);
		const w = 30 + (i / 7) * 120;
		return `<path d="M${f(cx - w)} ${f(y)} L${f(cx + w)} ${f(y)}" stroke="${p.glow}" stroke-width="2" opacity="0.22"/>`;
	}).join('');
	return `${stilts}
<rect x="${cx - 120}" y="${eave + 40}" width="240" height="16" fill="${p.ink}"/>
<rect x="${cx - 100}" y="${eave}" width="200" height="44" fill="${p.brick}" opacity="0.9"/>
<path d="M${cx - 165} ${eave + 6} Q${cx - 70} ${eave - 90} ${cx - 34} ${top} L${cx + 34} ${top} Q${cx + 70} ${eave - 90} ${cx + 165} ${eave + 6} Z" fill="${p.ink}"/>
<path d="M${cx - 52} ${top - 18} L${cx - 30} ${top + 4} L${cx + 30} ${top + 4} L${cx + 52} ${top - 18}" stroke="${p.ink}" stroke-width="9" fill="none"/>
${thatch}
<path d="M${cx + 100} ${baseY} L${cx + 150} ${eave + 55}" stroke="${p.ink}" stroke-width="8"/>`;
}

/** Long low house on stilts (Ê Đê nhà dài). */
export function longhouse({ p, cx, baseY }: SceneContext): string {
	const w = 520;
	const floor = baseY - 90;
	const posts = Array.from({ length: 9 }, (_, i) => {
		const x = cx - w / 2 + 20 + i * ((w - 40) / 8);
		return `<rect x="${f(x - 5)}" y="${floor}" width="10" height="90" fill="${p.ink}"/>`;
	}).join('');
	return `${posts}
<rect x="${cx - w / 2}" y="${floor - 70}" width="${w}" height="74" fill="${p.brick}"/>
<path d="M${cx - w / 2 - 40} ${floor - 60} L${cx - w / 2 + 40} ${floor - 190} L${cx + w / 2 - 40} ${floor - 190} L${cx + w / 2 + 40} ${floor - 60} Z" fill="${p.ink}"/>
<path d="M${cx - w / 2 + 30} ${baseY} l40 -90 M${cx - w / 2 + 90} ${baseY} l40 -90" stroke="${p.ink}" stroke-width="7"/>`;
}

/** A brick Cham kalan with a smaller companion tower. */
export function tower({ p, cx, baseY, r }: SceneContext, ruined = false): string {
	const one = (x: number, s: number) => {
		const w = 130 * s;
		const h = 190 * s;
		const tiers = [0, 1, 2]
			.map((i) => {
				const tw = w * (0.82 - i * 0.2);
				const th = 48 * s;
				const y = baseY - h - (i + 1) * th;
				return `<rect x="${f(x - tw / 2)}" y="${f(y)}" width="${f(tw)}" height="${f(th)}" fill="${p.brick}"/>
<rect x="${f(x - tw / 2 - 8 * s)}" y="${f(y + th - 10 * s)}" width="${f(tw + 16 * s)}" height="${f(10 * s)}" fill="${p.ink}" opacity="0.35"/>`;
			})
			.join('');
		const spire = ruined
			? ''
			: `<path d="M${f(x - w * 0.22)} ${f(baseY - h - 144 * s)} Q${f(x)} ${f(baseY - h - 230 * s)} ${f(x + w * 0.22)} ${f(baseY - h - 144 * s)} Z" fill="${p.brick}"/>`;
		return `<rect x="${f(x - w / 2)}" y="${f(baseY - h)}" width="${f(w)}" height="${f(h)}" fill="${p.brick}"/>
${ruined ? '' : tiers}${spire}
<path d="M${f(x - w * 0.18)} ${baseY} L${f(x - w * 0.18)} ${f(baseY - h * 0.55)} Q${f(x)} ${f(baseY - h * 0.8)} ${f(x + w * 0.18)} ${f(baseY - h * 0.55)} L${f(x + w * 0.18)} ${baseY} Z" fill="${p.ink}" opacity="0.75"/>
<rect x="${f(x - w / 2)}" y="${f(baseY - h)}" width="${f(w * 0.12)}" height="${f(h)}" fill="${p.ink}" opacity="0.18"/>`;
	};
	const side = r() < 0.5 ? -1 : 1;
	return one(cx + side * 190, 0.62) + one(cx, 1);
}

/** Curved-roof temple, communal house or tomb pavilion; `steep` for Khmer pagodas. */
export function temple({ p, cx, baseY, r }: SceneContext, steep = false): string {
	const w = 380 + r() * 80;
	const bodyH = 110;
	const roof = (y: number, rw: number, rh: number) =>
		`<path d="M${f(cx - rw / 2 - 40)} ${f(y - 28)} Q${f(cx - rw / 2)} ${f(y)} ${f(cx - rw / 2 + 30)} ${f(y)} L${f(cx + rw / 2 - 30)} ${f(y)} Q${f(cx + rw / 2)} ${f(y)} ${f(cx + rw / 2 + 40)} ${f(y - 28)} L${f(cx + rw / 2 - 50)} ${f(y - rh)} L${f(cx - rw / 2 + 50)} ${f(y - rh)} Z" fill="${p.ink}"/>`;
	const cols = Array.from({ length: 6 }, (_, i) => {
		const x = cx - w / 2 + 30 + i * ((w - 60) / 5);
		return `<rect x="${f(x - 7)}" y="${baseY - bodyH}" width="14" height="${bodyH}" fill="${p.accent}" opacity="0.85"/>`;
	}).join('');
	const top = baseY - bodyH;
	const upper = steep
		? `${roof(top - 70, w * 0.7, 70)}<path d="M${cx - 14} ${top - 140} L${cx} ${top - 260} L${cx + 14} ${top - 140} Z" fill="${p.accent}"/>`
		: `${roof(top - 72, w * 0.62, 58)}<rect x="${f(cx - w * 0.25)}" y="${top - 82}" width="${f(w * 0.5)}" height="20" fill="${p.brick}"/>
<path d="M${f(cx - 40)} ${top - 136} q20 -22 40 0 q20 -22 40 0" stroke="${p.ink}" stroke-width="8" fill="none"/>`;
	return `<rect x="${f(cx - w / 2 - 20)}" y="${baseY - 10}" width="${f(w + 40)}" height="18" fill="${p.ink}" opacity="0.6"/>
<rect x="${f(cx - w / 2)}" y="${baseY - bodyH}" width="${f(w)}" height="${bodyH}" fill="${p.brick}" opacity="0.55"/>
${cols}${roof(top + 4, w, 80)}${upper}`;
}

export function church({ p, cx, baseY }: SceneContext): string {
	return `<rect x="${cx - 200}" y="${baseY - 170}" width="400" height="170" fill="${p.ink}"/>
<path d="M${cx - 215} ${baseY - 165} L${cx} ${baseY - 250} L${cx + 215} ${baseY - 165} Z" fill="${p.ink}"/>
<rect x="${cx - 55}" y="${baseY - 330}" width="110" height="330" fill="${p.ink}"/>
<path d="M${cx - 62} ${baseY - 325} L${cx} ${baseY - 470} L${cx + 62} ${baseY - 325} Z" fill="${p.ink}"/>
<rect x="${cx - 3}" y="${baseY - 510}" width="6" height="45" fill="${p.ink}"/><rect x="${cx - 16}" y="${baseY - 497}" width="32" height="6" fill="${p.ink}"/>
<circle cx="${cx}" cy="${baseY - 250}" r="26" fill="${p.glow}" opacity="0.8"/>
<path d="M${cx - 26} ${baseY} L${cx - 26} ${baseY - 70} Q${cx} ${baseY - 110} ${cx + 26} ${baseY - 70} L${cx + 26} ${baseY} Z" fill="${p.glow}" opacity="0.55"/>
${[-150, -100, 100, 150].map((dx) => `<path d="M${cx + dx - 14} ${baseY - 60} L${cx + dx - 14} ${baseY - 120} Q${cx + dx} ${baseY - 145} ${cx + dx + 14} ${baseY - 120} L${cx + dx + 14} ${baseY - 60} Z" fill="${p.glow}" opacity="0.45"/>`).join('')}`;
}

/** Rampart with crenellations, a gate pavilion and a flag. */
export function citadel({ p, cx, baseY }: SceneContext): string {
	const wallTop = baseY - 120;
	const merlons = Array.from(
		{ length: 30 },
		(_, i) => `<rect x="${i * 40}" y="${wallTop - 18}" width="22" height="20" fill="${p.brick}"/>`
	).join('');
	return `<rect x="0" y="${wallTop}" width="${WIDTH}" height="120" fill="${p.brick}"/>${merlons}
<rect x="0" y="${wallTop + 40}" width="${WIDTH}" height="4" fill="${p.ink}" opacity="0.25"/>
<path d="M${cx - 45} ${baseY} L${cx - 45} ${baseY - 60} Q${cx} ${baseY - 110} ${cx + 45} ${baseY - 60} L${cx + 45} ${baseY} Z" fill="${p.ink}"/>
<rect x="${cx - 150}" y="${wallTop - 70}" width="300" height="60" fill="${p.accent}" opacity="0.8"/>
<path d="M${cx - 200} ${wallTop - 60} Q${cx - 170} ${wallTop - 45} ${cx - 150} ${wallTop - 45} L${cx + 150} ${wallTop - 45} Q${cx + 170} ${wallTop - 45} ${cx + 200} ${wallTop - 60} L${cx + 120} ${wallTop - 120} L${cx - 120} ${wallTop - 120} Z" fill="${p.ink}"/>
<rect x="${cx + 260}" y="${wallTop - 250}" width="8" height="250" fill="${p.ink}"/>
<path d="M${cx + 268} ${wallTop - 248} q50 -10 90 8 l0 50 q-40 -18 -90 -8 Z" fill="${p.accent}"/>`;
}

/** An earthen rampart winding over the hills (Trường Lũy, Cổ Loa). */
export function rampart({ p, r }: SceneContext): string {
	const y0 = GROUND_Y - 20;
	let d = `M-20 ${y0}`;
	for (let x = 0; x <= WIDTH + 40; x += 150)
		d += ` Q${x + 75} ${f(y0 - 60 - r() * 80)} ${x + 150} ${f(y0 - r() * 40)}`;
	return `<path d="${d}" stroke="${p.brick}" stroke-width="34" fill="none" stroke-linecap="round"/>
<path d="${d}" stroke="${p.ink}" stroke-width="6" fill="none" opacity="0.3" transform="translate(0 -14)"/>`;
}

/** Monument: stepped base with an obelisk; `stele` draws a stone stele on a tortoise. */
export function monument({ p, cx, baseY }: SceneContext, stele: boolean): string {
	if (stele) {
		return [-220, 0, 220]
			.map(
				(dx) => `<ellipse cx="${cx + dx}" cy="${baseY - 20}" rx="80" ry="30" fill="${p.ink}"/>
<rect x="${cx + dx - 55}" y="${baseY - 250}" width="110" height="225" rx="8" fill="${p.mid}" stroke="${p.ink}" stroke-width="6"/>
<path d="M${cx + dx - 60} ${baseY - 250} Q${cx + dx} ${baseY - 300} ${cx + dx + 60} ${baseY - 250} Z" fill="${p.ink}"/>
${[0, 1, 2, 3, 4].map((i) => `<rect x="${cx + dx - 35}" y="${baseY - 220 + i * 34}" width="70" height="6" fill="${p.ink}" opacity="0.5"/>`).join('')}`
			)
			.join('');
	}
	return `<rect x="${cx - 160}" y="${baseY - 30}" width="320" height="30" fill="${p.ink}"/>
<rect x="${cx - 110}" y="${baseY - 60}" width="220" height="32" fill="${p.ink}" opacity="0.85"/>
<path d="M${cx - 40} ${baseY - 60} L${cx - 22} ${baseY - 400} L${cx} ${baseY - 440} L${cx + 22} ${baseY - 400} L${cx + 40} ${baseY - 60} Z" fill="${p.mid}" stroke="${p.ink}" stroke-width="6"/>
<path d="M${cx} ${baseY - 372} l9 26 h27 l-22 16 l9 26 l-23 -16 l-23 16 l9 -26 l-22 -16 h27 Z" fill="${p.accent}"/>
<path d="M${cx - 280} ${baseY} q20 -80 40 0 M${cx + 240} ${baseY} q20 -80 40 0" fill="${p.ink}"/>`;
}

/** Carved wooden grave-house statues on posts (tượng nhà mồ). */
export function statues({ p, cx, baseY, r }: SceneContext): string {
	const fig = (
		x: number,
		h: number
	) => `<rect x="${x - 22}" y="${baseY - h}" width="44" height="${h}" fill="${p.brick}"/>
<circle cx="${x}" cy="${baseY - h - 26}" r="26" fill="${p.brick}"/>
<path d="M${x - 22} ${baseY - h + 30} q22 40 44 0" stroke="${p.ink}" stroke-width="6" fill="none"/>
<rect x="${x - 10}" y="${baseY - h - 34}" width="6" height="6" fill="${p.ink}"/><rect x="${x + 4}" y="${baseY - h - 34}" width="6" height="6" fill="${p.ink}"/>`;
	const roofY = baseY - 300;
	return `<path d="M${cx - 120} ${roofY + 60} L${cx} ${roofY - 40} L${cx + 120} ${roofY + 60} Z" fill="${p.ink}"/>
<rect x="${cx - 100}" y="${roofY + 60}" width="10" height="${baseY - roofY - 60}" fill="${p.ink}"/><rect x="${cx + 90}" y="${roofY + 60}" width="10" height="${baseY - roofY - 60}" fill="${p.ink}"/>
${fig(cx - 260, 150 + r() * 40)}${fig(cx - 180, 120 + r() * 40)}${fig(cx + 190, 140 + r() * 40)}${fig(cx + 270, 110 + r() * 40)}`;
}

/** Flag tower on a summit (Lũng Cú). */
export function flagpeak({ p, cx, baseY }: SceneContext): string {
	return `<path d="M${cx - 360} ${baseY} L${cx} ${baseY - 200} L${cx + 360} ${baseY} Z" fill="${p.mid}"/>
<rect x="${cx - 30}" y="${baseY - 250}" width="60" height="60" fill="${p.ink}"/>
<rect x="${cx - 6}" y="${baseY - 480}" width="12" height="240" fill="${p.ink}"/>
<rect x="${cx + 6}" y="${baseY - 478}" width="150" height="100" fill="#da251d"/>
<path d="M${cx + 81} ${baseY - 455} l11 33 h35 l-28 20 l11 33 l-29 -20 l-29 20 l11 -33 l-28 -20 h35 Z" fill="#ffde00"/>`;
}

/** Roofed bridge (cầu ngói). */
export function bridge(ctx: SceneContext): string {
	const { p, cx, baseY } = ctx;
	return `<rect x="0" y="${baseY - 30}" width="${WIDTH}" height="120" fill="${p.sea}"/>
<path d="M${cx - 320} ${baseY - 40} Q${cx} ${baseY - 110} ${cx + 320} ${baseY - 40}" stroke="${p.ink}" stroke-width="22" fill="none"/>
${temple({ ...ctx, baseY: baseY - 70 })}`;
}
