import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { LOCALE_COOKIE, isLocale, resolveLocale } from '$lib/i18n/locales';
import { closeServices, getServices } from '$lib/server/container';
import { ANONYMOUS } from '$lib/server/services/access.service';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Migrations and the demo seed run before the server accepts requests, not on the first visitor. */
export const init: ServerInit = async () => {
	if (building) return;
	await getServices();
	// adapter-node emits this on SIGINT/SIGTERM after in-flight requests finish.
	process.once('sveltekit:shutdown', () => {
		void closeServices();
	});
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.services = await getServices();
	event.locals.viewer = ANONYMOUS;

	const query = event.url.searchParams.get('lang');
	const locale = resolveLocale({
		query,
		cookie: event.cookies.get(LOCALE_COOKIE),
		acceptLanguage: event.request.headers.get('accept-language')
	});
	event.locals.locale = locale;
	// A reader who picks a language keeps it; the API's ?lang= only picks the response language.
	if (isLocale(query) && !event.url.pathname.startsWith('/api/')) {
		event.cookies.set(LOCALE_COOKIE, query, {
			path: '/',
			maxAge: ONE_YEAR_SECONDS,
			sameSite: 'lax',
			httpOnly: true,
			// Many libraries serve plain http on their LAN, where a Secure cookie would be dropped.
			secure: event.url.protocol === 'https:'
		});
	}

	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%disan.lang%', locale)
	});
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// 404s for unknown routes are ordinary; anything else unexpected deserves a log line.
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}:`, error);
	return { message };
};
