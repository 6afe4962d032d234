import type { VocabularyScheme, VocabularyTerm } from '$lib/domain/types';
import type { Database, Repositories } from '$lib/server/db/ports';

export function buildTerm(
	scheme: VocabularyScheme,
	code: string,
	overrides: Partial<VocabularyTerm> = {}
): VocabularyTerm {
	return {
		scheme,
		code,
		label: { vi: code, en: code },
		altLabels: [],
		note: {},
		position: 0,
		...overrides
	};
}

/** The terms the contract cases link items to. */
export const standardTerms: VocabularyTerm[] = [
	buildTerm('ethnic_group', 'kinh', { label: { vi: 'Kinh', en: 'Kinh' }, position: 1 }),
	buildTerm('ethnic_group', 'bahnar', {
		label: { vi: 'Ba Na', en: 'Bahnar' },
		altLabels: ['Bơ-nâm'],
		note: { en: 'Austroasiatic, Bahnaric' },
		position: 2
	}),
	buildTerm('ethnic_group', 'sedang', { label: { vi: 'Xơ Đăng', en: 'Sedang' }, position: 3 }),
	buildTerm('subject', 'architecture', { position: 1 }),
	buildTerm('subject', 'ritual', { position: 2 }),
	buildTerm('subject', 'craft', { position: 3 })
];

export async function seedTerms(db: Database | Repositories): Promise<void> {
	await db.vocabularies.upsert(standardTerms);
}
