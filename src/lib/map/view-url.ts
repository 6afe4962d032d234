/** The map view in the URL (`?z=&lng=&lat=`), so a shared link opens the same place. */

export interface MapViewState {
	zoom: number;
	lng: number;
	lat: number;
}

/** Vietnam with the Hoàng Sa and Trường Sa archipelagos: the view when the URL names none. */
export const VIETNAM_BOUNDS: [[number, number], [number, number]] = [
	[102.1, 8.2],
	[114.5, 23.4]
];

const MAX_ZOOM = 22;

function finite(raw: string | null, min: number, max: number): number | null {
	if (raw === null || raw.trim() === '') return null;
	const n = Number(raw);
	return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/** A view only when all three values are present and sane; otherwise the default view. */
export function parseView(params: URLSearchParams): MapViewState | null {
	const zoom = finite(params.get('z'), 0, MAX_ZOOM);
	const lng = finite(params.get('lng'), -180, 180);
	const lat = finite(params.get('lat'), -85, 85);
	return zoom === null || lng === null || lat === null ? null : { zoom, lng, lat };
}

/** The URL with the view written in, rounded to what a screen can show (~1 m at z16). */
export function withView(url: URL, view: MapViewState): URL {
	const next = new URL(url);
	next.searchParams.set('z', view.zoom.toFixed(2));
	next.searchParams.set('lng', view.lng.toFixed(5));
	next.searchParams.set('lat', view.lat.toFixed(5));
	return next;
}
