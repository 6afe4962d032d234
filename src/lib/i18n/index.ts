export { provideI18n, useI18n, type I18n } from './context';
export { formatLngLat, formatPeriod, languageName } from './format';
export { licenseLabel } from './license';
export {
	DEFAULT_LOCALE,
	LOCALE_COOKIE,
	LOCALES,
	isLocale,
	localeFromAcceptLanguage,
	resolveLocale,
	type Locale
} from './locales';
export type { MessageKey, MessageParams, Messages } from './messages';
export { pickLocalized, pickText, type PickedText } from './pick-text';
export { createTranslator, translatorFor, type Translate } from './translate';
