// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Viewer } from '$lib/domain/types';
import type { Locale } from '$lib/i18n/locales';
import type { Services } from '$lib/server/container';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			services: Services;
			/** Who is asking; anonymous until sign-in exists. */
			viewer: Viewer;
			/** UI language for this request: ?lang=, then the cookie, then Accept-Language. */
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
			/** Set by pages that write their own `<meta name="description">`. */
			ownDescription?: boolean;
		}
	}
}

export {};
