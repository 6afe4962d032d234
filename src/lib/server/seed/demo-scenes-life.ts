/**
 * Living-heritage and landscape motifs for the demo illustrations: gongs, dancers, looms, jars,
 * boats, manuscripts, fields and forests. Each stands on ctx.baseY around ctx.cx.
 */
import { WIDTH, type SceneContext } from './demo-backdrops';

const f = (n: number) => n.toFixed(1);

/** A row of hanging gongs with a decorated ritual pole (cây nêu). */
export function gongs({ p, cx, baseY, r }: SceneContext): string {
	const beamY = baseY - 300;
	const gs = [-180, -60, 60, 180]
		.map((dx, i) => {
			const rad = 58 - i * 8 + r() * 6;
			const y = beamY + 40 + rad;
			return `<path d="M${cx + dx} ${beamY} L${cx + dx} ${f(y - rad)}" stroke="${p.ink}" stroke-width="3"/>
<circle cx="${cx + dx}" cy="${f(y)}" r="${f(rad)}" fill="${p.accent}" stroke="${p.ink}" stroke-width="6"/>
<circle cx="${cx + dx}" cy="${f(y)}" r="${f(rad * 0.3)}" fill="${p.glow}" opacity="0.7"/>`;
		})
		.join('');
	return `<rect x="${cx - 260}" y="${beamY - 10}" width="520" height="14" fill="${p.ink}"/>
<rect x="${cx - 255}" y="${beamY}" width="12" height="${baseY - beamY}" fill="${p.ink}"/><rect x="${cx + 243}" y="${beamY}" width="12" height="${baseY - beamY}" fill="${p.ink}"/>
${gs}${pole(p, cx + 360, baseY)}`;
}

export function pole(p: SceneContext['p'], x: number, baseY: number): string {
	const flags = [0, 1, 2, 3]
		.map(
			(i) =>
				`<path d="M${x} ${baseY - 380 + i * 40} q-40 20 -60 60" stroke="${p.accent}" stroke-width="6" fill="none"/>`
		)
		.join('');
	return `<rect x="${x - 5}" y="${baseY - 420}" width="10" height="420" fill="${p.ink}"/>
<path d="M${x} ${baseY - 470} q40 10 60 50 q-40 -10 -60 -10 Z" fill="${p.accent}"/>${flags}`;
}

/** Person silhouette; `arms` raised for dance, holding a staff for martial arts. */
export function person(
	p: SceneContext['p'],
	x: number,
	baseY: number,
	s: number,
	pose: 'dance' | 'stand' | 'staff'
): string {
	const head = `<circle cx="${f(x)}" cy="${f(baseY - 150 * s)}" r="${f(16 * s)}" fill="${p.ink}"/>`;
	const body = `<path d="M${f(x - 22 * s)} ${baseY} L${f(x - 14 * s)} ${f(baseY - 128 * s)} L${f(x + 14 * s)} ${f(baseY - 128 * s)} L${f(x + 22 * s)} ${baseY} Z" fill="${p.ink}"/>`;
	const arms =
		pose === 'dance'
			? `<path d="M${f(x - 12 * s)} ${f(baseY - 120 * s)} L${f(x - 50 * s)} ${f(baseY - 160 * s)} M${f(x + 12 * s)} ${f(baseY - 120 * s)} L${f(x + 50 * s)} ${f(baseY - 160 * s)}" stroke="${p.ink}" stroke-width="${f(8 * s)}" stroke-linecap="round"/>`
			: pose === 'staff'
				? `<path d="M${f(x - 70 * s)} ${f(baseY - 40 * s)} L${f(x + 70 * s)} ${f(baseY - 200 * s)}" stroke="${p.ink}" stroke-width="${f(6 * s)}"/>`
				: '';
	const skirt = `<path d="M${f(x - 22 * s)} ${f(baseY - 50 * s)} L${f(x + 22 * s)} ${f(baseY - 50 * s)}" stroke="${p.accent}" stroke-width="${f(10 * s)}"/>`;
	return head + body + arms + skirt;
}

export function people(
	{ p, cx, baseY, r }: SceneContext,
	pose: 'dance' | 'stand' | 'staff'
): string {
	const n = pose === 'staff' ? 3 : 6;
	return Array.from({ length: n }, (_, i) => {
		const x = cx - (n - 1) * 55 + i * 110 + (r() - 0.5) * 20;
		return person(p, x, baseY + (i % 2) * 12, 1.1 + r() * 0.25, pose);
	}).join('');
}

/** Brocade panel with diamond motifs on a loom frame. */
export function loom({ p, cx, baseY }: SceneContext): string {
	const x0 = cx - 260;
	const y0 = baseY - 330;
	const rows = Array.from({ length: 6 }, (_, row) => {
		const y = y0 + 30 + row * 48;
		const colour = row % 3 === 0 ? p.accent : row % 3 === 1 ? p.glow : p.brick;
		return Array.from({ length: 10 }, (_, i) => {
			const x = x0 + 16 + i * 50;
			return `<path d="M${x} ${y + 20} l22 -20 l22 20 l-22 20 Z" fill="${colour}"/>`;
		}).join('');
	}).join('');
	return `<rect x="${x0 - 20}" y="${y0 - 30}" width="560" height="14" fill="${p.ink}"/>
<rect x="${x0 - 20}" y="${baseY - 10}" width="560" height="14" fill="${p.ink}"/>
<rect x="${x0}" y="${y0}" width="520" height="300" fill="${p.ink}"/>${rows}
<path d="M${x0 - 20} ${baseY} L${x0 - 60} ${y0 - 40} M${x0 + 540} ${baseY} L${x0 + 580} ${y0 - 40}" stroke="${p.ink}" stroke-width="10"/>`;
}

/** Pottery jars of different shapes; `fire` adds the open firing of Bàu Trúc. */
export function jars({ p, cx, baseY, r }: SceneContext, fire: boolean): string {
	const jar = (x: number, s: number) => {
		const w = 70 * s;
		const h = 150 * s;
		return `<path d="M${f(x - w * 0.35)} ${f(baseY - h)} Q${f(x - w * 1.1)} ${f(baseY - h * 0.55)} ${f(x - w * 0.45)} ${baseY} L${f(x + w * 0.45)} ${baseY} Q${f(x + w * 1.1)} ${f(baseY - h * 0.55)} ${f(x + w * 0.35)} ${f(baseY - h)} Z" fill="${p.brick}"/>
<rect x="${f(x - w * 0.42)}" y="${f(baseY - h - 12 * s)}" width="${f(w * 0.84)}" height="${f(14 * s)}" rx="4" fill="${p.ink}" opacity="0.8"/>
<path d="M${f(x - w * 0.8)} ${f(baseY - h * 0.55)} Q${f(x)} ${f(baseY - h * 0.45)} ${f(x + w * 0.8)} ${f(baseY - h * 0.55)}" stroke="${p.ink}" stroke-width="4" fill="none" opacity="0.45"/>`;
	};
	const jarsSvg = jar(cx - 200, 0.85 + r() * 0.2) + jar(cx, 1.3) + jar(cx + 200, 0.9 + r() * 0.2);
	if (!fire) return jarsSvg;
	// Open firing: jars stand in a bed of straw and wood that burns around their bases.
	const flames = Array.from({ length: 9 }, (_, i) => {
		const x = cx - 320 + i * 80 + (r() - 0.5) * 20;
		const h = 60 + r() * 70;
		return `<path d="M${f(x - 26)} ${baseY + 6} Q${f(x - 20)} ${f(baseY - h * 0.5)} ${f(x)} ${f(baseY - h)} Q${f(x + 20)} ${f(baseY - h * 0.5)} ${f(x + 26)} ${baseY + 6} Z" fill="${p.accent}" opacity="0.9"/>
<path d="M${f(x - 12)} ${baseY + 6} Q${f(x)} ${f(baseY - h * 0.45)} ${f(x + 12)} ${baseY + 6} Z" fill="${p.glow}"/>`;
	}).join('');
	const smoke = [-150, 60, 230]
		.map(
			(dx) =>
				`<path d="M${cx + dx} ${baseY - 160} q-30 -50 0 -100 q30 -50 0 -100" stroke="${p.glow}" stroke-width="14" fill="none" opacity="0.35" stroke-linecap="round"/>`
		)
		.join('');
	return `${smoke}${jarsSvg}<ellipse cx="${cx}" cy="${baseY + 8}" rx="360" ry="24" fill="${p.brick}" opacity="0.8"/>${flames}`;
}

/** A long boat with rowers; used for Lý Sơn, bả trạo and ghe ngo. */
export function boat({ p, cx, baseY, r }: SceneContext): string {
	const y = baseY - 20;
	const rowers = Array.from({ length: 7 }, (_, i) => {
		const x = cx - 210 + i * 70;
		return `<circle cx="${x}" cy="${y - 62}" r="11" fill="${p.ink}"/><rect x="${x - 9}" y="${y - 52}" width="18" height="34" fill="${p.ink}"/>
<path d="M${x} ${y - 40} L${x + 34} ${y + 30}" stroke="${p.ink}" stroke-width="5"/>`;
	}).join('');
	const sail =
		r() < 0.5
			? `<path d="M${cx + 40} ${y - 40} L${cx + 40} ${y - 300} L${cx + 190} ${y - 60} Z" fill="${p.glow}" opacity="0.85"/>`
			: '';
	return `${sail}<path d="M${cx - 330} ${y - 40} Q${cx - 300} ${y + 20} ${cx - 220} ${y + 24} L${cx + 230} ${y + 24} Q${cx + 310} ${y + 20} ${cx + 340} ${y - 50} Z" fill="${p.ink}"/>
<path d="M${cx - 300} ${y - 12} L${cx + 300} ${y - 12}" stroke="${p.accent}" stroke-width="8"/>${rowers}`;
}

/** Open manuscript with lines of script, for documents and epics. */
export function manuscript({ p, cx, baseY, r }: SceneContext, hearth: boolean): string {
	const y = baseY - 280;
	const lines = (x0: number) =>
		Array.from({ length: 8 }, (_, i) => {
			const w = 150 + r() * 60;
			return `<path d="M${x0} ${y + 50 + i * 26} h${f(w)}" stroke="${p.ink}" stroke-width="5" stroke-dasharray="${f(8 + r() * 10)} 6" opacity="0.7"/>`;
		}).join('');
	const fire = hearth
		? `<path d="M${cx - 60} ${baseY + 40} q60 -170 120 0 Z" fill="${p.accent}" opacity="0.85"/><path d="M${cx - 30} ${baseY + 40} q30 -90 60 0 Z" fill="${p.glow}"/>`
		: '';
	return `<path d="M${cx - 280} ${y} Q${cx - 140} ${y - 30} ${cx} ${y + 10} Q${cx + 140} ${y - 30} ${cx + 280} ${y} L${cx + 280} ${y + 270} Q${cx + 140} ${y + 240} ${cx} ${y + 280} Q${cx - 140} ${y + 240} ${cx - 280} ${y + 270} Z" fill="${p.glow}" stroke="${p.ink}" stroke-width="6"/>
<path d="M${cx} ${y + 10} L${cx} ${y + 280}" stroke="${p.ink}" stroke-width="4"/>${lines(cx - 250)}${lines(cx + 30)}${fire}`;
}

/** Market umbrellas and people. */
export function market(ctx: SceneContext): string {
	const { p, cx, baseY } = ctx;
	const stalls = [-300, -100, 100, 300]
		.map(
			(
				dx
			) => `<path d="M${cx + dx - 80} ${baseY - 170} Q${cx + dx} ${baseY - 240} ${cx + dx + 80} ${baseY - 170} Z" fill="${p.accent}"/>
<rect x="${cx + dx - 3}" y="${baseY - 175}" width="6" height="175" fill="${p.ink}"/>`
		)
		.join('');
	return stalls + people({ ...ctx, baseY: baseY + 20 }, 'stand');
}

/** Water pavilion with puppets on the water (múa rối nước). */
export function puppets({ p, cx, baseY, r }: SceneContext): string {
	const pond = `<rect x="0" y="${baseY - 40}" width="${WIDTH}" height="140" fill="${p.sea}"/>`;
	const pav = `<rect x="${cx - 170}" y="${baseY - 170}" width="340" height="130" fill="${p.brick}"/>
<path d="M${cx - 230} ${baseY - 150} Q${cx - 180} ${baseY - 170} ${cx - 150} ${baseY - 175} L${cx + 150} ${baseY - 175} Q${cx + 180} ${baseY - 170} ${cx + 230} ${baseY - 150} L${cx + 140} ${baseY - 250} L${cx - 140} ${baseY - 250} Z" fill="${p.ink}"/>
<rect x="${cx - 150}" y="${baseY - 120}" width="300" height="70" fill="${p.ink}" opacity="0.6"/>`;
	const figs = [-280, -120, 130, 290]
		.map((dx) => person(p, cx + dx + (r() - 0.5) * 30, baseY - 10, 0.7, 'dance'))
		.join('');
	return pond + pav + figs;
}

export function oxen({ p, cx, baseY }: SceneContext): string {
	const ox = (x: number) => `<ellipse cx="${x}" cy="${baseY - 90}" rx="75" ry="42" fill="${p.ink}"/>
<circle cx="${x + 80}" cy="${baseY - 110}" r="26" fill="${p.ink}"/><path d="M${x + 70} ${baseY - 132} q10 -30 30 -20" stroke="${p.ink}" stroke-width="6" fill="none"/>
${[-50, -25, 30, 55].map((dx) => `<rect x="${x + dx}" y="${baseY - 60}" width="10" height="60" fill="${p.ink}"/>`).join('')}`;
	return `<rect x="0" y="${baseY - 20}" width="${WIDTH}" height="110" fill="${p.brick}" opacity="0.5"/>
${ox(cx - 40)}${ox(cx + 120)}<path d="M${cx - 200} ${baseY - 10} L${cx - 60} ${baseY - 90}" stroke="${p.ink}" stroke-width="6"/>
${person(p, cx - 220, baseY, 1, 'stand')}`;
}

export function elephant({ p, cx, baseY }: SceneContext): string {
	return `<ellipse cx="${cx}" cy="${baseY - 170}" rx="170" ry="110" fill="${p.ink}"/>
<circle cx="${cx + 170}" cy="${baseY - 220}" r="70" fill="${p.ink}"/>
<path d="M${cx + 225} ${baseY - 210} q50 80 10 200" stroke="${p.ink}" stroke-width="34" fill="none" stroke-linecap="round"/>
<path d="M${cx + 140} ${baseY - 250} q-50 30 -20 100 q40 -10 60 -60 Z" fill="${p.mid}"/>
${[-120, -60, 70, 130].map((dx) => `<rect x="${cx + dx - 22}" y="${baseY - 110}" width="44" height="110" fill="${p.ink}"/>`).join('')}
<rect x="${cx - 60}" y="${baseY - 300}" width="110" height="30" fill="${p.accent}"/>`;
}

/** Smith's forge: anvil, hammer, bellows tubes and sparks (Xơ Đăng blacksmithing). */
export function forge({ p, cx, baseY, r }: SceneContext): string {
	const sparks = Array.from({ length: 14 }, () => {
		const a = -Math.PI * (0.15 + r() * 0.7);
		const len = 40 + r() * 90;
		const x = cx + 40;
		const y = baseY - 150;
		return `<path d="M${x} ${y} l${f(Math.cos(a) * len)} ${f(Math.sin(a) * len)}" stroke="${p.glow}" stroke-width="4" stroke-linecap="round"/>`;
	}).join('');
	return `<rect x="${cx - 330}" y="${baseY - 230}" width="34" height="230" fill="${p.ink}"/><rect x="${cx - 285}" y="${baseY - 230}" width="34" height="230" fill="${p.ink}"/>
<rect x="${cx - 340}" y="${baseY - 250}" width="100" height="20" fill="${p.brick}"/>
<path d="M${cx - 240} ${baseY - 40} q80 -30 160 -10" stroke="${p.ink}" stroke-width="14" fill="none"/>
<ellipse cx="${cx - 60}" cy="${baseY - 40}" rx="60" ry="26" fill="${p.accent}"/>
<path d="M${cx - 20} ${baseY} L${cx + 10} ${baseY - 110} L${cx + 110} ${baseY - 110} L${cx + 140} ${baseY} Z" fill="${p.ink}"/>
<rect x="${cx - 10}" y="${baseY - 150}" width="170" height="40" fill="${p.ink}"/>
${sparks}${person(p, cx + 260, baseY, 1.3, 'staff')}`;
}

/** Moon lute, drum and flute, for music traditions. */
export function instruments({ p, cx, baseY }: SceneContext): string {
	return `<rect x="${cx - 330}" y="${baseY - 20}" width="660" height="20" fill="${p.ink}" opacity="0.6"/>
<path d="M${cx - 250} ${baseY - 130} L${cx - 60} ${baseY - 420}" stroke="${p.ink}" stroke-width="16" stroke-linecap="round"/>
<circle cx="${cx - 260}" cy="${baseY - 120}" r="95" fill="${p.brick}" stroke="${p.ink}" stroke-width="8"/>
<circle cx="${cx - 260}" cy="${baseY - 120}" r="18" fill="${p.ink}"/>
<path d="M${cx - 320} ${baseY - 150} L${cx - 75} ${baseY - 405} M${cx - 300} ${baseY - 135} L${cx - 60} ${baseY - 395}" stroke="${p.glow}" stroke-width="2"/>
<ellipse cx="${cx + 170}" cy="${baseY - 250}" rx="130" ry="40" fill="${p.accent}" stroke="${p.ink}" stroke-width="8"/>
<path d="M${cx + 40} ${baseY - 250} L${cx + 40} ${baseY - 110} Q${cx + 170} ${baseY - 60} ${cx + 300} ${baseY - 110} L${cx + 300} ${baseY - 250}" fill="${p.brick}" stroke="${p.ink}" stroke-width="8"/>
<path d="M${cx + 80} ${baseY - 100} L${cx + 50} ${baseY} M${cx + 260} ${baseY - 100} L${cx + 290} ${baseY}" stroke="${p.ink}" stroke-width="12"/>
<path d="M${cx - 30} ${baseY - 40} L${cx + 330} ${baseY - 80}" stroke="${p.ink}" stroke-width="12" stroke-linecap="round"/>
${[0, 1, 2, 3].map((i) => `<circle cx="${cx + 40 + i * 60}" cy="${f(baseY - 50 - i * 6.7)}" r="4" fill="${p.glow}"/>`).join('')}`;
}

/** Bamboo water trough on forked posts pouring into a jar, with a gong (lễ cúng máng nước). */
export function trough({ p, cx, baseY }: SceneContext): string {
	const posts = [-300, -150, 0]
		.map((dx, i) => {
			const y = baseY - 260 + i * 40;
			return `<path d="M${cx + dx} ${baseY} L${cx + dx} ${y} M${cx + dx} ${y} l-18 -26 M${cx + dx} ${y} l18 -26" stroke="${p.ink}" stroke-width="12" fill="none"/>`;
		})
		.join('');
	return `${posts}
<path d="M${cx - 420} ${baseY - 290} L${cx + 60} ${baseY - 170}" stroke="${p.mid}" stroke-width="26" stroke-linecap="round"/>
<path d="M${cx - 420} ${baseY - 290} L${cx + 60} ${baseY - 170}" stroke="${p.ink}" stroke-width="4" stroke-dasharray="40 30"/>
<path d="M${cx + 66} ${baseY - 166} q14 60 4 120" stroke="${p.glow}" stroke-width="10" fill="none" opacity="0.85"/>
<path d="M${cx + 20} ${baseY - 40} Q${cx + 10} ${baseY - 110} ${cx + 40} ${baseY - 120} L${cx + 110} ${baseY - 120} Q${cx + 140} ${baseY - 110} ${cx + 130} ${baseY - 40} L${cx + 110} ${baseY} L${cx + 40} ${baseY} Z" fill="${p.brick}"/>
<path d="M${cx + 250} ${baseY} L${cx + 250} ${baseY - 260} L${cx + 380} ${baseY - 260} L${cx + 380} ${baseY}" stroke="${p.ink}" stroke-width="10" fill="none"/>
<circle cx="${cx + 315}" cy="${baseY - 170}" r="52" fill="${p.accent}" stroke="${p.ink}" stroke-width="6"/>
<circle cx="${cx + 315}" cy="${baseY - 170}" r="15" fill="${p.glow}" opacity="0.7"/>
<path d="M${cx + 315} ${baseY - 260} L${cx + 315} ${baseY - 222}" stroke="${p.ink}" stroke-width="3"/>`;
}

/** A framed head-and-shoulders silhouette on an easel, for people. */
export function portrait({ p, cx, baseY }: SceneContext): string {
	const top = baseY - 420;
	return `<path d="M${cx - 120} ${baseY} L${cx - 60} ${top + 200} M${cx + 120} ${baseY} L${cx + 60} ${top + 200} M${cx} ${baseY} L${cx} ${top + 300}" stroke="${p.ink}" stroke-width="12"/>
<rect x="${cx - 150}" y="${top}" width="300" height="340" fill="${p.brick}" stroke="${p.ink}" stroke-width="10"/>
<rect x="${cx - 125}" y="${top + 25}" width="250" height="290" fill="${p.glow}"/>
<circle cx="${cx}" cy="${top + 130}" r="55" fill="${p.ink}"/>
<path d="M${cx - 110} ${top + 315} Q${cx - 100} ${top + 200} ${cx} ${top + 195} Q${cx + 100} ${top + 200} ${cx + 110} ${top + 315} Z" fill="${p.ink}"/>`;
}

/** A woodblock print of a pig with yin-yang swirls on warm paper (Đông Hồ). */
export function print({ p, cx, baseY }: SceneContext): string {
	const top = baseY - 400;
	const y = top + 200;
	return `<rect x="${cx - 260}" y="${top}" width="520" height="380" fill="${p.ink}"/>
<rect x="${cx - 240}" y="${top + 20}" width="480" height="340" fill="#f3e3c3"/>
<ellipse cx="${cx}" cy="${y}" rx="150" ry="85" fill="${p.ink}"/>
<ellipse cx="${cx + 150}" cy="${y - 10}" rx="48" ry="40" fill="${p.ink}"/>
<ellipse cx="${cx + 196}" cy="${y}" rx="14" ry="12" fill="${p.ink}"/>
${[-90, -40, 50, 100].map((dx) => `<rect x="${cx + dx}" y="${y + 60}" width="22" height="70" fill="${p.ink}"/>`).join('')}
<path d="M${cx - 150} ${y - 10} q-40 -20 -30 -50" stroke="${p.ink}" stroke-width="8" fill="none"/>
<circle cx="${cx - 50}" cy="${y - 10}" r="34" fill="#f3e3c3"/><path d="M${cx - 50} ${y - 44} a17 17 0 0 1 0 34 a17 17 0 0 0 0 34 a34 34 0 0 1 0 -68" fill="${p.accent}"/>
<circle cx="${cx + 50}" cy="${y - 10}" r="28" fill="#f3e3c3"/><path d="M${cx + 50} ${y - 38} a14 14 0 0 1 0 28 a14 14 0 0 0 0 28 a28 28 0 0 1 0 -56" fill="${p.accent}"/>`;
}
