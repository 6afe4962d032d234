/**
 * Names of content languages (the languages records are written in) for the UI languages. ICU
 * knows the big languages but not most of Viet Nam's minority languages (Node prints `bdq` for
 * Bahnar), so those come from this list first; anything else from Intl.DisplayNames, then the tag.
 */
import type { LangTag } from '../domain/types';
import type { Locale } from './locales';

/** ISO 639-3 codes of languages of Viet Nam's ethnic communities, with their usual names. */
export const MINORITY_LANGUAGE_NAMES: Record<string, Record<Locale, string>> = {
	bdq: { vi: 'Tiếng Ba Na', en: 'Bahnar' },
	sed: { vi: 'Tiếng Xơ Đăng', en: 'Sedang' },
	jra: { vi: 'Tiếng Gia Rai', en: 'Jarai' },
	rad: { vi: 'Tiếng Ê Đê', en: 'Rade' },
	cmo: { vi: 'Tiếng Mnông', en: 'Mnong' },
	kpm: { vi: 'Tiếng Cơ Ho', en: 'Koho' },
	hre: { vi: 'Tiếng Hrê', en: 'Hre' },
	ktv: { vi: 'Tiếng Cơ Tu', en: 'Katu' },
	cjm: { vi: 'Tiếng Chăm', en: 'Cham (Eastern)' },
	cja: { vi: 'Tiếng Chăm (Tây)', en: 'Cham (Western)' },
	blt: { vi: 'Tiếng Thái Đen', en: 'Tai Dam' },
	twh: { vi: 'Tiếng Thái Trắng', en: 'Tai Dón' },
	tyz: { vi: 'Tiếng Tày', en: 'Tày' },
	nut: { vi: 'Tiếng Nùng', en: 'Nung' },
	mtq: { vi: 'Tiếng Mường', en: 'Muong' },
	hnj: { vi: 'Tiếng H’Mông', en: 'Hmong' },
	ium: { vi: 'Tiếng Dao', en: 'Iu Mien (Dao)' },
	vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
	en: { vi: 'Tiếng Anh', en: 'English' }
};

/** The name of content language `tag` in UI language `locale`; the tag itself when unknown. */
export function contentLanguageName(tag: LangTag, locale: Locale): string {
	const known = MINORITY_LANGUAGE_NAMES[tag.toLowerCase()];
	if (known) return known[locale];
	try {
		const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(tag);
		if (!name) return tag;
		// ICU names start lower-case in Vietnamese ("tiếng Pháp") in some versions: capitalise.
		return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
	} catch {
		return tag;
	}
}
