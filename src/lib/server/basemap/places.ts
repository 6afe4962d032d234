/** The committed place labels (cities, archipelagos, seas, neighbouring countries). */
import data from './places.json';
import { mercX, mercY } from './tile-geometry';

export type PlaceKind = 'capital' | 'city' | 'archipelago' | 'sea' | 'country';

export interface Place {
	kind: PlaceKind;
	rank: number;
	minzoom: number;
	name_vi: string;
	name_en: string;
	lng: number;
	lat: number;
}

export interface ProjectedPlace extends Place {
	mx: number;
	my: number;
}

export const PLACES: readonly ProjectedPlace[] = (data.places as Place[]).map((p) => ({
	...p,
	mx: mercX(p.lng),
	my: mercY(p.lat)
}));
