/**
 * Province borders for the embedded basemap: the committed `provinces.json` (Natural Earth,
 * public domain; regenerate with `npm run basemap:provinces`), projected once per process.
 */
import data from './provinces.json';
import type { ProvinceData } from './provinces-build';
import type { LinePart } from './world-data';
import { boxOf, mercX, mercY } from './tile-geometry';

/** Province borders appear from this zoom; below it they would be a grey smudge. */
export const PROVINCES_MIN_ZOOM = 5;

const provinceData = data as ProvinceData;

export const PROVINCES = provinceData.provinces;

export const PROVINCE_BORDERS: readonly LinePart[] = provinceData.borders.map((flat) => {
	const line = new Float64Array(flat.length);
	for (let i = 0; i < flat.length; i += 2) {
		line[i] = mercX(flat[i]);
		line[i + 1] = mercY(flat[i + 1]);
	}
	return { line, box: boxOf(line) };
});
