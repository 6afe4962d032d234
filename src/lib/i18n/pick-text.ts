import type { LangTag, LocalizedText } from '../domain/types';

/** A text and the language it is really in (which may differ from the one asked for). */
export interface PickedText {
	text: string;
	lang: LangTag;
}

/** Vietnamese first, then English: the languages every record is most likely to have. */
const FALLBACK: readonly LangTag[] = ['vi', 'en'];

/**
 * The best available text for the requested languages: each of `langs` in order, then vi, then
 * en, then any non-empty language (alphabetical, so the choice is stable). null when there is none.
 */
export function pickLocalized(
	text: LocalizedText | null | undefined,
	langs: readonly LangTag[]
): PickedText | null {
	if (!text) return null;
	for (const lang of [...langs, ...FALLBACK]) {
		const value = text[lang];
		if (typeof value === 'string' && value.trim() !== '') return { text: value, lang };
	}
	for (const lang of Object.keys(text).sort()) {
		const value = text[lang];
		if (typeof value === 'string' && value.trim() !== '') return { text: value, lang };
	}
	return null;
}

/** Like pickLocalized, but just the text ('' when there is none). */
export function pickText(
	text: LocalizedText | null | undefined,
	langs: readonly LangTag[]
): string {
	return pickLocalized(text, langs)?.text ?? '';
}
