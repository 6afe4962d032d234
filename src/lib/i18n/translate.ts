import { en } from './en';
import type { Locale } from './locales';
import type { MessageKey, MessageParams, Messages } from './messages';
import { vi } from './vi';

const DICTIONARIES: Record<Locale, Messages> = { vi, en };

export type Translate = (key: MessageKey, params?: MessageParams) => string;

const cache = new Map<Locale, Translate>();

/** The shared `t` for a locale (translators are stateless, so one per locale is enough). */
export function translatorFor(locale: Locale): Translate {
	let t = cache.get(locale);
	if (!t) {
		t = createTranslator(locale);
		cache.set(locale, t);
	}
	return t;
}

/** A `t` bound to one locale. Numbers are grouped the local way (1.234 vs 1,234). */
export function createTranslator(locale: Locale): Translate {
	const messages = DICTIONARIES[locale];
	const numbers = new Intl.NumberFormat(locale);
	return (key, params) => {
		const template = messages[key];
		if (!params) return template;
		return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
			const value = params[name];
			if (value === undefined) return whole;
			return typeof value === 'number' ? numbers.format(value) : value;
		});
	};
}
