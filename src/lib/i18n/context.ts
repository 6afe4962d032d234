import { getContext, setContext } from 'svelte';
import type { Locale } from './locales';
import { translatorFor, type Translate } from './translate';

export interface I18n {
	readonly locale: Locale;
	readonly t: Translate;
	/** The `lang` attribute for text in `lang`: only when it differs from the page's language. */
	langAttr(lang: string | null): string | undefined;
}

const KEY = Symbol('i18n');

/**
 * Called once by the root layout. Takes a getter so components follow the locale if it ever
 * changes without a reload. Context (not a module variable) keeps concurrent SSR requests apart.
 */
export function provideI18n(getLocale: () => Locale): I18n {
	const i18n: I18n = {
		get locale() {
			return getLocale();
		},
		t: (key, params) => translatorFor(getLocale())(key, params),
		langAttr: (lang) => (lang && lang !== getLocale() ? lang : undefined)
	};
	setContext(KEY, i18n);
	return i18n;
}

export function useI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('useI18n() needs provideI18n() in a parent layout');
	return i18n;
}
