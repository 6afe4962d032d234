/**
 * GET /tiles/items/{z}/{x}/{y}.mvt?kind=&ethnicGroup=&province=&from=&to= — the map's item layer
 * (see TileRepository). An empty tile is 204 No Content (maplibre draws nothing for it). Tiles
 * change when items do, so browsers keep them briefly and revalidate with the ETag.
 */
import { MAX_TILE_QUERY_LENGTH, parseTileFilter, tilePathSchema } from '$lib/schemas/tile.schema';
import { api, errorJson, onlyGet } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, url, locals, request }) =>
	api(async () => {
		if (url.search.length > MAX_TILE_QUERY_LENGTH) {
			return errorJson(
				414,
				`The tile's query string is too long (over ${MAX_TILE_QUERY_LENGTH} characters): send fewer filter codes`
			);
		}
		const tile = tilePathSchema.parse(params);
		const filter = parseTileFilter(url.searchParams);
		const reply = await locals.services.tiles.itemsTile(
			locals.viewer,
			tile,
			filter,
			request.headers.get('if-none-match')
		);
		const shared = locals.viewer.kind === 'anonymous';
		const headers = new Headers({
			etag: reply.etag,
			// Signed-in viewers may see more: their tiles must not sit in a shared cache.
			'cache-control': `${shared ? 'public' : 'private'}, max-age=60`,
			'content-type': 'application/vnd.mapbox-vector-tile'
		});
		if (shared) headers.set('access-control-allow-origin', '*');
		if (!reply.body) return new Response(null, { status: reply.status, headers });
		headers.set('content-length', String(reply.body.length));
		return new Response(new Uint8Array(reply.body), { status: 200, headers });
	});

export const fallback: RequestHandler = onlyGet;
