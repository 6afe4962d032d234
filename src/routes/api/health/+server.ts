import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals }) =>
	api(async () =>
		json(await locals.services.health(), { headers: { 'cache-control': 'no-store' } })
	);
