/** The UI languages. Record text may be in more (e.g. Bahnar), but the interface is in these. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A provincial library in Vietnam: Vietnamese unless the reader asks otherwise. */
export const DEFAULT_LOCALE: Locale = 'vi';

export const LOCALE_COOKIE = 'lang';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The best supported locale from an Accept-Language header, honouring q-values; null if none. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.slice(0, 32)
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return {
				primary: tag.trim().toLowerCase().split('-')[0],
				weight: Number.isFinite(weight) ? weight : 0,
				index
			};
		})
		.filter((entry) => entry.weight > 0)
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	return ranked.map((entry) => entry.primary).find(isLocale) ?? null;
}

/** `?lang=` first, then the `lang` cookie, then Accept-Language, then Vietnamese. */
export function resolveLocale(sources: {
	query: string | null;
	cookie: string | undefined;
	acceptLanguage: string | null;
}): Locale {
	if (isLocale(sources.query)) return sources.query;
	if (isLocale(sources.cookie)) return sources.cookie;
	return localeFromAcceptLanguage(sources.acceptLanguage) ?? DEFAULT_LOCALE;
}
