import { basemapTile, parseTileCoord } from '$lib/server/basemap/basemap-tiles';
import { api } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Natural Earth data does not change while the app runs: a day of caching is safe. */
const CACHE_CONTROL = 'public, max-age=86400';

export const GET: RequestHandler = ({ params, request }) =>
	api(async () => {
		const tile = await basemapTile(parseTileCoord(params));
		const headers = { etag: tile.etag, 'cache-control': CACHE_CONTROL };
		if (request.headers.get('if-none-match') === tile.etag) {
			return new Response(null, { status: 304, headers });
		}
		return new Response(tile.body, {
			headers: { ...headers, 'content-type': 'application/vnd.mapbox-vector-tile' }
		});
	});
