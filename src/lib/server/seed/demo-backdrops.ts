/**
 * Backdrops for the demo illustrations: sky, sun, then mountains, sea or delta plains. The image
 * is 1200×800; the horizon sits near y=470 and the caption band covers y≥650.
 */
import type { Palette } from './demo-palette';

export const WIDTH = 1200;
export const HEIGHT = 800;
export const GROUND_Y = 560;

export type Backdrop = 'mountains' | 'sea' | 'plains';

export interface SceneContext {
	p: Palette;
	r: () => number;
	/** Horizontal centre of the main motif. */
	cx: number;
	/** Where the main motif stands. */
	baseY: number;
}

const f = (n: number) => n.toFixed(1);

/** A ridge line across the picture, as a closed path down to the bottom edge. */
function ridge(r: () => number, y: number, amp: number, steps: number, sharp: boolean): string {
	const pts: string[] = [`M0 ${HEIGHT}`, `L0 ${f(y + (r() - 0.5) * amp)}`];
	for (let i = 1; i <= steps; i++) {
		const x = (WIDTH / steps) * i;
		const py = y - r() * amp;
		if (sharp)
			pts.push(`L${f(x - WIDTH / steps / 2)} ${f(py)} L${f(x)} ${f(y + (r() - 0.3) * amp * 0.4)}`);
		else
			pts.push(
				`Q${f(x - WIDTH / steps / 2)} ${f(py - amp * 0.6)} ${f(x)} ${f(y - r() * amp * 0.3)}`
			);
	}
	pts.push(`L${WIDTH} ${HEIGHT} Z`);
	return pts.join(' ');
}

export function sky({ p, r }: SceneContext): string {
	const sunX = 140 + r() * 920;
	const sunY = 110 + r() * 130;
	const clouds = Array.from({ length: 3 }, () => {
		const x = r() * WIDTH;
		const y = 70 + r() * 200;
		const w = 90 + r() * 120;
		return `<ellipse cx="${f(x)}" cy="${f(y)}" rx="${f(w)}" ry="${f(w * 0.16)}" fill="#ffffff" opacity="0.35"/>`;
	}).join('');
	return `<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="${p.glow}" stop-opacity="0.95"/><stop offset="0.45" stop-color="${p.glow}" stop-opacity="0.55"/><stop offset="1" stop-color="${p.glow}" stop-opacity="0"/></radialGradient>
<linearGradient id="band" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#000" stop-opacity="0.55"/><stop offset="1" stop-color="#000" stop-opacity="0.78"/></linearGradient>
</defs>
<rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>
<circle cx="${f(sunX)}" cy="${f(sunY)}" r="150" fill="url(#glow)"/>
<circle cx="${f(sunX)}" cy="${f(sunY)}" r="46" fill="${p.glow}"/>
${clouds}`;
}

export function backdrop(kind: Backdrop, ctx: SceneContext): string {
	const { p, r } = ctx;
	if (kind === 'mountains') {
		return `<path d="${ridge(r, 330, 150, 5, true)}" fill="${p.far}"/>
<path d="${ridge(r, 430, 110, 4, false)}" fill="${p.mid}"/>
<path d="${ridge(r, GROUND_Y - 30, 30, 3, false)}" fill="${p.ground}"/>`;
	}
	if (kind === 'sea') {
		const waves = Array.from({ length: 9 }, (_, i) => {
			const y = 490 + i * 18;
			const x = r() * 900;
			return `<path d="M${f(x)} ${y} q30 -8 60 0 t60 0" stroke="${p.glow}" stroke-width="3" fill="none" opacity="0.5"/>`;
		}).join('');
		const isle = 150 + r() * 700;
		return `<path d="M${f(isle)} 472 q90 -70 180 -10 q40 -30 90 10 Z" fill="${p.far}"/>
<rect x="0" y="470" width="${WIDTH}" height="${HEIGHT - 470}" fill="${p.sea}"/>
${waves}
<path d="M0 ${GROUND_Y + 20} Q300 ${GROUND_Y - 10} 620 ${GROUND_Y + 10} T${WIDTH} ${GROUND_Y} L${WIDTH} ${HEIGHT} L0 ${HEIGHT} Z" fill="${p.ground}"/>`;
	}
	const fields = Array.from({ length: 5 }, (_, i) => {
		const y = GROUND_Y + 12 + i * 20;
		return `<path d="M0 ${y} L${WIDTH} ${y - 6}" stroke="${p.glow}" stroke-width="2" opacity="0.18"/>`;
	}).join('');
	return `<path d="${ridge(r, 430, 60, 3, false)}" fill="${p.far}"/>
<path d="M0 ${GROUND_Y - 20} Q400 ${GROUND_Y - 60} 800 ${GROUND_Y - 25} T${WIDTH} ${GROUND_Y - 30} L${WIDTH} ${HEIGHT} L0 ${HEIGHT} Z" fill="${p.mid}"/>
<rect x="0" y="${GROUND_Y}" width="${WIDTH}" height="${HEIGHT - GROUND_Y}" fill="${p.ground}"/>
${fields}`;
}

/** Trees at both edges frame the motif and hide the seams of the backdrop. */
export function frameTrees({ p, r }: SceneContext): string {
	const tree = (x: number, h: number) => {
		const w = h * 0.34;
		return `<path d="M${f(x)} ${f(GROUND_Y - h)} L${f(x + w)} ${GROUND_Y + 10} L${f(x - w)} ${GROUND_Y + 10} Z" fill="${p.ink}" opacity="0.78"/>`;
	};
	const out: string[] = [];
	for (let i = 0; i < 3; i++) out.push(tree(30 + i * 55 + r() * 20, 110 + r() * 90));
	for (let i = 0; i < 3; i++) out.push(tree(WIDTH - 30 - i * 55 - r() * 20, 110 + r() * 90));
	return out.join('');
}
