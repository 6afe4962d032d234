import { api } from '$lib/server/http';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The basemap style: the embedded offline one, or one over the PMTiles archive when
 * BASEMAP_PMTILES is set. URLs carry this request's origin (see buildBasemapStyle).
 */
export const GET: RequestHandler = ({ url, locals }) =>
	api(async () =>
		json(await locals.services.basemap.style(url.origin), {
			headers: { 'cache-control': 'public, max-age=300' }
		})
	);
