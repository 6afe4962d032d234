import { BASEMAP_MAX_ZOOM } from '$lib/server/basemap/basemap-tiles';
import { buildBasemapStyle } from '$lib/map/basemap-style';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The embedded offline style; tile URLs carry this request's origin (see buildBasemapStyle). */
export const GET: RequestHandler = ({ url }) =>
	json(buildBasemapStyle(url.origin, BASEMAP_MAX_ZOOM), {
		headers: { 'cache-control': 'public, max-age=300' }
	});
