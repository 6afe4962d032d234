import type { LangTag } from '../domain/types';
import type { Locale } from './locales';
import type { Translate } from './translate';

function formatYear(year: number, t: Translate): string {
	return year < 0 ? t('period.bce', { year: String(-year) }) : String(year);
}

/** "1802 – 1945", "từ 1802", "300 TCN", or '' when no year is known. */
export function formatPeriod(
	startYear: number | null,
	endYear: number | null,
	t: Translate
): string {
	if (startYear !== null && endYear !== null) {
		if (startYear === endYear) return formatYear(startYear, t);
		return t('period.range', { start: formatYear(startYear, t), end: formatYear(endYear, t) });
	}
	if (startYear !== null) return t('period.from', { start: formatYear(startYear, t) });
	if (endYear !== null) return t('period.until', { end: formatYear(endYear, t) });
	return '';
}

/** A language's name in the UI language; minority languages fall back to their tag. */
export function languageName(tag: LangTag, locale: Locale, t: Translate): string {
	if (tag === 'vi') return t('lang.vi');
	if (tag === 'en') return t('lang.en');
	try {
		return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** "lat, lng" as people read coordinates; 4 decimals is about 11 m, finer than any public point. */
export function formatLngLat([lng, lat]: [number, number], locale: Locale): string {
	const f = new Intl.NumberFormat(locale, { minimumFractionDigits: 4, maximumFractionDigits: 4 });
	return `${f.format(lat)}, ${f.format(lng)}`;
}
