/** vt-pbf 3 ships no types; this is the one call the tile encoder uses. */
declare module 'vt-pbf' {
	export interface TileLikeFeature {
		/** 1 = point. */
		type: 1;
		/** Points in tile units: [[x, y]]. */
		geometry: Array<[number, number]>;
		tags: Record<string, string | number | boolean>;
		id?: number;
	}
	export interface TileLikeLayer {
		features: TileLikeFeature[];
	}
	export function fromGeojsonVt(
		layers: Record<string, TileLikeLayer>,
		options?: { version?: number; extent?: number }
	): Uint8Array;
	const vtpbf: { fromGeojsonVt: typeof fromGeojsonVt };
	export default vtpbf;
}
