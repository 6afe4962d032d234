/** VocabularyRepository on SQLite. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { VocabularyScheme, VocabularyTerm } from '$lib/domain/types';
import type { VocabularyRepository } from '$lib/server/db/ports';
import { vocabularyTerms } from './schema';
import type { Executor, SqliteContext } from './sqlite-context';

type TermRow = typeof vocabularyTerms.$inferSelect;

const toTerm = ({ id, ...t }: TermRow): VocabularyTerm => {
	void id;
	return t;
};

export class SqliteVocabularyRepository implements VocabularyRepository {
	constructor(
		private readonly ctx: SqliteContext,
		private readonly exec: Executor
	) {}

	/**
	 * Updates in place on (scheme, code) rather than INSERT OR REPLACE, which would delete the row
	 * first and trip the item_terms foreign key of every item using the term.
	 */
	async upsert(terms: VocabularyTerm[]): Promise<void> {
		if (terms.length === 0) return;
		await this.exec.write(() => {
			for (const t of terms) {
				this.ctx.orm
					.insert(vocabularyTerms)
					.values(t)
					.onConflictDoUpdate({
						target: [vocabularyTerms.scheme, vocabularyTerms.code],
						set: {
							label: sql`excluded.label`,
							altLabels: sql`excluded.alt_labels`,
							note: sql`excluded.note`,
							position: sql`excluded.position`
						}
					})
					.run();
			}
		});
	}

	async list(scheme: VocabularyScheme): Promise<VocabularyTerm[]> {
		return this.ctx.orm
			.select()
			.from(vocabularyTerms)
			.where(eq(vocabularyTerms.scheme, scheme))
			.orderBy(asc(vocabularyTerms.position), asc(vocabularyTerms.code))
			.all()
			.map(toTerm);
	}

	async get(scheme: VocabularyScheme, code: string): Promise<VocabularyTerm | null> {
		const row = this.ctx.orm
			.select()
			.from(vocabularyTerms)
			.where(and(eq(vocabularyTerms.scheme, scheme), eq(vocabularyTerms.code, code)))
			.get();
		return row ? toTerm(row) : null;
	}
}
