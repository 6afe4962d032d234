/**
 * Deterministic colours and randomness for the demo illustrations: the same slug always gives the
 * same picture, so reseeding never changes a file's SHA-256 without a reason.
 */

/** FNV-1a, 32-bit: small, fast and good enough to spread slugs over palettes. */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Palette {
	name: string;
	skyTop: string;
	skyBottom: string;
	far: string;
	mid: string;
	ground: string;
	sea: string;
	/** Silhouettes of buildings and people. */
	ink: string;
	/** Warm detail colour (flags, brocade, lanterns). */
	accent: string;
	/** Sun or moon. */
	glow: string;
	/** Brick for Cham towers and walls. */
	brick: string;
}

/** Hand-picked so every picture looks calm and readable under a dark caption band. */
const PALETTES: Palette[] = [
	{
		name: 'dawn',
		skyTop: '#f2a98f',
		skyBottom: '#fde7c4',
		far: '#c9a2b2',
		mid: '#8f7a9b',
		ground: '#5e6b4c',
		sea: '#6f94a8',
		ink: '#2e2433',
		accent: '#c0392b',
		glow: '#fff3d6',
		brick: '#a4553a'
	},
	{
		name: 'noon',
		skyTop: '#6fa8d8',
		skyBottom: '#d8eef8',
		far: '#9bb6c8',
		mid: '#6b8f72',
		ground: '#4b6f43',
		sea: '#3f7fa6',
		ink: '#263238',
		accent: '#d35400',
		glow: '#fffbe8',
		brick: '#b0603f'
	},
	{
		name: 'dusk',
		skyTop: '#4f4784',
		skyBottom: '#f2a679',
		far: '#7b5f8a',
		mid: '#4f4468',
		ground: '#34344a',
		sea: '#4a4f7a',
		ink: '#1c1a2b',
		accent: '#f5c542',
		glow: '#ffe2a8',
		brick: '#8a4a3c'
	},
	{
		name: 'jade',
		skyTop: '#93cbbb',
		skyBottom: '#eef6e4',
		far: '#a2c3ad',
		mid: '#689a7a',
		ground: '#3d6a50',
		sea: '#4f9a9a',
		ink: '#1f3329',
		accent: '#b03a2e',
		glow: '#fffdf0',
		brick: '#a65a3c'
	},
	{
		name: 'monsoon',
		skyTop: '#8797ad',
		skyBottom: '#e2e7ec',
		far: '#9da9b5',
		mid: '#6c7a86',
		ground: '#4d5c50',
		sea: '#5d7587',
		ink: '#22282e',
		accent: '#a8322d',
		glow: '#f4f6f8',
		brick: '#94553f'
	},
	{
		name: 'golden',
		skyTop: '#eebf62',
		skyBottom: '#fff0c6',
		far: '#d6a66c',
		mid: '#a57a4f',
		ground: '#6a5939',
		sea: '#5f8fa0',
		ink: '#2d2216',
		accent: '#8e2c1d',
		glow: '#fffaf0',
		brick: '#a8542f'
	}
];

export function paletteFor(seed: number): Palette {
	return PALETTES[seed % PALETTES.length];
}

/** Escapes text for SVG content and attribute values. */
export function xmlEscape(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}
