/**
 * Turns features in view into HTML label specs: place names from the basemap tiles and count
 * buttons for item clusters. Tiles repeat features near their edges, so keys deduplicate.
 */
import type { Geometry } from 'geojson';
import type { LabelSpec } from './html-labels';

type Props = Record<string, unknown>;

/** The part of a maplibre feature we read (query results and source features alike). */
export interface LabelFeature {
	geometry: Geometry;
	properties: Props;
}

function pointOf(f: LabelFeature): [number, number] | null {
	return f.geometry.type === 'Point' ? (f.geometry.coordinates as [number, number]) : null;
}

/**
 * Place tags in our basemap's schema (`name_vi`, `name_en`, `kind`, `rank` 0–3). A Protomaps
 * archive (BASEMAP_PMTILES) tags places as `name`, `name:vi`, `name:en`, `kind: locality|country|…`
 * and `population_rank` (0–15, larger is bigger): those are mapped onto ours, the rest dropped.
 */
export function normalisePlace(p: Props): Props | null {
	if (p.name_vi !== undefined || p.name_en !== undefined) return p;
	const name = p['name:vi'] ?? p.name;
	if (typeof name !== 'string' || name === '') return null;
	const population = Number(p.population_rank ?? 0);
	let kind: string;
	let rank: number;
	if (p.kind === 'country') {
		kind = 'country';
		rank = 1;
	} else if (p.kind === 'locality') {
		kind = p.capital === 'yes' ? 'capital' : 'city';
		rank = kind === 'capital' ? 0 : population >= 13 ? 1 : population >= 11 ? 2 : 3;
	} else {
		return null;
	}
	return { kind, rank, name_vi: name, name_en: p['name:en'] ?? p.name ?? name };
}

/** Average glyph width for the 13 px UI font: enough for the overlap test. */
const CHAR_WIDTH = 7.2;

export function placeLabelSpecs(
	features: LabelFeature[],
	locale: string,
	inView: (lng: number, lat: number) => boolean
): LabelSpec[] {
	const specs: LabelSpec[] = [];
	for (const f of features) {
		const point = pointOf(f);
		const p = normalisePlace(f.properties as Props);
		if (!p || !point || !inView(point[0], point[1])) continue;
		const kind = String(p.kind ?? 'city');
		const name = String((locale === 'vi' ? p.name_vi : p.name_en) ?? p.name_vi ?? '');
		if (!name) continue;
		// "Quần đảo Hoàng Sa (Việt Nam)" reads better on two lines than as one long run.
		const text = kind === 'archipelago' ? name.replace(' (', '\n(') : name;
		const lines = text.split('\n');
		const longest = Math.max(...lines.map((line) => line.length));
		const dotted = kind === 'city' || kind === 'capital';
		// Country, sea and archipelago names rank before towns of the same rank.
		const rank = Number(p.rank ?? 3) * 2 - (dotted ? 0 : 1);
		specs.push({
			key: `place:${p.name_vi}`,
			lng: point[0],
			lat: point[1],
			rank,
			anchor: dotted ? 'left' : 'center',
			collides: true,
			width: longest * CHAR_WIDTH + 8,
			height: lines.length * 16 + 2,
			create: () => {
				const el = document.createElement('span');
				el.className = `map-label map-label-${kind}`;
				el.textContent = text;
				el.setAttribute('aria-hidden', 'true');
				return el;
			}
		});
	}
	return specs;
}

export interface ClusterLabelOptions {
	formatCount: (count: number) => string;
	ariaLabel: (count: number) => string;
	onActivate: (lng: number, lat: number) => void;
	/** Beyond this many buttons the smallest clusters lose theirs (their circles stay). */
	limit: number;
}

export function clusterLabelSpecs(
	features: LabelFeature[],
	options: ClusterLabelOptions
): LabelSpec[] {
	const seen = new Map<string, LabelSpec & { count: number }>();
	for (const f of features) {
		const point = pointOf(f);
		const count = Number((f.properties as Props).count);
		if (!point || !(count > 1)) continue;
		const key = `cluster:${point[0].toFixed(5)},${point[1].toFixed(5)},${count}`;
		if (seen.has(key)) continue;
		const [lng, lat] = point;
		seen.set(key, {
			key,
			lng,
			lat,
			count,
			rank: -count,
			anchor: 'center',
			collides: false,
			width: 0,
			create: () => {
				const el = document.createElement('button');
				el.type = 'button';
				el.className = 'map-cluster';
				el.textContent = options.formatCount(count);
				el.setAttribute('aria-label', options.ariaLabel(count));
				el.addEventListener('click', (event) => {
					event.stopPropagation();
					options.onActivate(lng, lat);
				});
				return el;
			}
		});
	}
	return [...seen.values()].sort((a, b) => b.count - a.count).slice(0, options.limit);
}
