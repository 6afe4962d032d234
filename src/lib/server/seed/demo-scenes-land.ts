/**
 * Landscape motifs for the demo illustrations: limestone towers, lakes, pine plateaus, terraced
 * fields, mangroves and engraved boulders. Each stands on ctx.baseY around ctx.cx.
 */
import { WIDTH, type SceneContext } from './demo-backdrops';

const f = (n: number) => n.toFixed(1);

/** Limestone towers and a lake or river, for landscapes. */
export function karst({ p, cx, baseY, r }: SceneContext, water: boolean): string {
	const peaks = Array.from({ length: 5 }, (_, i) => {
		const x = cx - 380 + i * 190 + (r() - 0.5) * 60;
		const h = 200 + r() * 170;
		return `<path d="M${f(x - 70)} ${baseY} Q${f(x - 80)} ${f(baseY - h)} ${f(x)} ${f(baseY - h)} Q${f(x + 80)} ${f(baseY - h)} ${f(x + 70)} ${baseY} Z" fill="${p.mid}" stroke="${p.ink}" stroke-width="3" opacity="0.95"/>`;
	}).join('');
	const lake = water
		? `<ellipse cx="${cx}" cy="${baseY + 40}" rx="520" ry="50" fill="${p.sea}"/><path d="M${cx - 300} ${baseY + 40} h600" stroke="${p.glow}" stroke-width="3" opacity="0.5"/>`
		: '';
	return peaks + lake;
}

export function pines({ p, cx, baseY, r }: SceneContext): string {
	return Array.from({ length: 9 }, (_, i) => {
		const x = cx - 420 + i * 105 + (r() - 0.5) * 30;
		const h = 170 + r() * 140;
		return `<rect x="${f(x - 5)}" y="${f(baseY - 30)}" width="10" height="30" fill="${p.ink}"/>
<path d="M${f(x)} ${f(baseY - h)} L${f(x + h * 0.22)} ${f(baseY - 30)} L${f(x - h * 0.22)} ${f(baseY - 30)} Z" fill="${p.ink}" opacity="${f(0.75 + r() * 0.25)}"/>`;
	}).join('');
}

/** Terraced rice fields stepping down a slope, with a granary. */
export function terraces({ p, cx, baseY }: SceneContext): string {
	const steps = Array.from({ length: 6 }, (_, i) => {
		const y = baseY - 260 + i * 44;
		return `<path d="M-20 ${y + 20} Q${cx - 200} ${y - 20} ${cx + 100} ${y + 10} T${WIDTH + 20} ${y}" stroke="${p.glow}" stroke-width="5" fill="none" opacity="0.55"/>`;
	}).join('');
	return `${steps}<rect x="${cx + 180}" y="${baseY - 120}" width="110" height="80" fill="${p.brick}"/>
<path d="M${cx + 160} ${baseY - 115} L${cx + 235} ${baseY - 190} L${cx + 310} ${baseY - 115} Z" fill="${p.ink}"/>
<rect x="${cx + 190}" y="${baseY - 40}" width="8" height="40" fill="${p.ink}"/><rect x="${cx + 272}" y="${baseY - 40}" width="8" height="40" fill="${p.ink}"/>`;
}

/** Mangrove roots on a muddy shore (Mũi Cà Mau). */
export function mangrove({ p, cx, baseY, r }: SceneContext): string {
	return Array.from({ length: 8 }, (_, i) => {
		const x = cx - 450 + i * 130 + (r() - 0.5) * 30;
		const h = 130 + r() * 80;
		return `<ellipse cx="${f(x)}" cy="${f(baseY - h)}" rx="70" ry="45" fill="${p.ink}" opacity="0.85"/>
<path d="M${f(x)} ${f(baseY - h)} L${f(x)} ${f(baseY - 40)} M${f(x)} ${f(baseY - 60)} q-30 20 -40 60 M${f(x)} ${f(baseY - 60)} q30 20 40 60" stroke="${p.ink}" stroke-width="6" fill="none"/>`;
	}).join('');
}

/** Scattered boulders with engraved spirals (bãi đá cổ). */
export function rocks({ p, cx, baseY, r }: SceneContext): string {
	return [-320, -100, 140, 340]
		.map((dx) => {
			const w = 90 + r() * 70;
			const h = 60 + r() * 60;
			return `<ellipse cx="${cx + dx}" cy="${f(baseY - h / 2)}" rx="${f(w)}" ry="${f(h)}" fill="${p.mid}" stroke="${p.ink}" stroke-width="5"/>
<path d="M${cx + dx - 20} ${f(baseY - h / 2)} a20 20 0 1 1 20 20 a10 10 0 1 1 -10 -10" stroke="${p.ink}" stroke-width="4" fill="none" opacity="0.7"/>`;
		})
		.join('');
}
