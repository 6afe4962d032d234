import { errorJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** API clients get JSON, not the HTML 404 page, for a mistyped endpoint. */
export const fallback: RequestHandler = ({ url }) =>
	errorJson(404, `No API endpoint at ${url.pathname}: see /api/items and /api/items/{id}`);
