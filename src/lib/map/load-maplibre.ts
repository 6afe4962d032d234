/**
 * maplibre-gl (about 270 KB gzipped) loads only when a map mounts, never with the page. Under
 * Vite the worker must be given its own URL (see docs: stack-verified §5a). The `pmtiles://`
 * protocol (a PMTiles basemap read by byte ranges, see /basemap/archive.pmtiles) is registered
 * with it; the pmtiles decoder is small and loads alongside.
 */
type MapLibre = typeof import('maplibre-gl');

let loading: Promise<MapLibre> | undefined;

export function loadMaplibre(): Promise<MapLibre> {
	loading ??= (async () => {
		const [maplibregl, worker, pmtiles] = await Promise.all([
			import('maplibre-gl'),
			import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
			import('pmtiles'),
			import('maplibre-gl/dist/maplibre-gl.css')
		]);
		maplibregl.setWorkerUrl(worker.default);
		maplibregl.addProtocol('pmtiles', new pmtiles.Protocol().tile);
		return maplibregl;
	})();
	// A failed download (offline tablet) may succeed on the next try.
	loading.catch(() => (loading = undefined));
	return loading;
}
