/**
 * The one mapping from errors to HTTP. Bad input is always a 4xx with a message that says what to
 * change; only a real fault is a 500, and its details go to the log, not to the client.
 */
import { error as kitError, json } from '@sveltejs/kit';
import { ZodError } from 'zod';
import { DomainError } from './errors';

export interface ErrorBody {
	error: { status: number; message: string };
}

export function errorJson(status: number, message: string, headers?: HeadersInit): Response {
	return json({ error: { status, message } } satisfies ErrorBody, { status, headers });
}

/** Every issue's message, in order: the schemas write them for people. */
export function zodMessage(err: ZodError): string {
	return err.issues
		.map((issue) => {
			const where = issue.path.length > 0 ? issue.path.join('.') : '';
			// Custom messages already name their parameter; built-in ones need the path.
			return where && !issue.message.toLowerCase().includes(where.toLowerCase())
				? `${where}: ${issue.message}`
				: issue.message;
		})
		.join('; ');
}

/** The status and public message for any thrown value. */
export function describeError(err: unknown): { status: number; message: string } {
	if (err instanceof DomainError) return { status: err.status, message: err.message };
	if (err instanceof ZodError) return { status: 400, message: zodMessage(err) };
	console.error(err);
	return { status: 500, message: 'Internal error: the server could not answer. Please try again.' };
}

export function toErrorResponse(err: unknown): Response {
	const { status, message } = describeError(err);
	return errorJson(status, message);
}

/** Wraps a JSON endpoint so that any error becomes the standard error body. */
export async function api(run: () => Promise<Response> | Response): Promise<Response> {
	try {
		return await run();
	} catch (err) {
		return toErrorResponse(err);
	}
}

/** For page loads: turns domain and validation errors into SvelteKit's error page. */
export function pageError(err: unknown): never {
	if (err instanceof DomainError || err instanceof ZodError) {
		const { status, message } = describeError(err);
		kitError(status, message);
	}
	throw err;
}

/** Open data: any site may read the public API from a browser; answers are cheap to recompute. */
export const PUBLIC_API_HEADERS = {
	'access-control-allow-origin': '*',
	'cache-control': 'public, max-age=60'
} as const;

/** `fallback` of a read-only JSON endpoint: any other method is a 405 that names the one allowed. */
export const onlyGet = ({ request }: { request: Request }): Response =>
	errorJson(405, `${request.method} is not supported here: use GET`, { allow: 'GET' });
