// vt-pbf ships no types; this is the one call the basemap uses. Another declaration of this
// module (src/lib/server/db/sqlite/vt-pbf.d.ts) may add overloads; no default export here, so
// the two merge without clashing.
declare module 'vt-pbf' {
	export interface BasemapVtFeature {
		/** 1 point, 2 line, 3 polygon. */
		type: 1 | 2 | 3;
		/** Points: [[x, y], ...]; lines and polygons: rings of [x, y] in tile units. */
		geometry: [number, number][] | [number, number][][];
		tags: Record<string, string | number | boolean>;
		id?: number;
	}
	export function fromGeojsonVt(
		layers: Record<string, { features: BasemapVtFeature[] }>,
		options?: { version?: number; extent?: number }
	): Uint8Array<ArrayBuffer>;
}
