/**
 * Text on the map without glyph fonts. MapLibre's symbol layers need glyph PBFs, which would
 * come from the internet; HTML markers use the page's own fonts instead (full Vietnamese
 * diacritics, offline). Labels are refreshed when the map is idle, for what is in view only.
 */
import type { Map as MlMap, Marker } from 'maplibre-gl';

export interface LabelSpec {
	key: string;
	lng: number;
	lat: number;
	/** Lower ranks win when labels would overlap. */
	rank: number;
	/** Builds the element once; the key decides when it is reused. */
	create: () => HTMLElement;
	anchor: 'center' | 'left';
	/** Overlapping labels of a layer that collides are dropped; cluster buttons never are. */
	collides: boolean;
	/** Rough size in CSS pixels, for the overlap test (height defaults to one line). */
	width: number;
	height?: number;
}

/** [left, top, right, bottom] in CSS pixels of the map container. */
export type ScreenBox = [number, number, number, number];

type MarkerClass = typeof import('maplibre-gl').Marker;

const LABEL_HEIGHT = 18;

export class HtmlLabels {
	readonly #markers = new Map<string, Marker>();

	constructor(
		private readonly map: MlMap,
		private readonly MarkerCtor: MarkerClass
	) {}

	/**
	 * Shows exactly these labels (minus overlapping ones), reusing markers that stay. Labels
	 * ranked after `obstacleRank` also avoid the `obstacles` (screen boxes, e.g. cluster
	 * circles); the capital, countries and archipelagos are always named.
	 */
	update(specs: LabelSpec[], obstacles: ScreenBox[] = [], obstacleRank = Infinity): void {
		const placed: ScreenBox[] = [];
		const wanted = new Map<string, LabelSpec>();
		for (const spec of [...specs].sort((a, b) => a.rank - b.rank)) {
			if (wanted.has(spec.key)) continue;
			if (spec.collides) {
				const p = this.map.project([spec.lng, spec.lat]);
				const left = spec.anchor === 'left' ? p.x + 6 : p.x - spec.width / 2;
				const half = (spec.height ?? LABEL_HEIGHT) / 2;
				const box: ScreenBox = [left, p.y - half, left + spec.width, p.y + half];
				const hits = (b: ScreenBox) =>
					b[0] < box[2] && b[2] > box[0] && b[1] < box[3] && b[3] > box[1];
				if (placed.some(hits) || (spec.rank > obstacleRank && obstacles.some(hits))) continue;
				placed.push(box);
			}
			wanted.set(spec.key, spec);
		}
		for (const [key, marker] of this.#markers) {
			if (!wanted.has(key)) {
				marker.remove();
				this.#markers.delete(key);
			}
		}
		for (const [key, spec] of wanted) {
			if (this.#markers.has(key)) continue;
			const marker = new this.MarkerCtor({
				element: spec.create(),
				anchor: spec.anchor,
				offset: spec.anchor === 'left' ? [6, 0] : [0, 0]
			})
				.setLngLat([spec.lng, spec.lat])
				.addTo(this.map);
			this.#markers.set(key, marker);
		}
	}

	clear(): void {
		for (const marker of this.#markers.values()) marker.remove();
		this.#markers.clear();
	}
}
