/** VocabularyRepository on PostGIS: ethnic groups, item kinds and subjects. */
import { sql } from 'drizzle-orm';
import type { VocabularyScheme, VocabularyTerm } from '$lib/domain/types';
import type { VocabularyRepository } from '$lib/server/db/ports';
import type { PgContext } from './pg-context';
import { mapErrors } from './pg-errors';

interface TermRow extends Record<string, unknown> {
	scheme: VocabularyScheme;
	code: string;
	label: VocabularyTerm['label'];
	alt_labels: string[];
	note: VocabularyTerm['note'];
	position: number;
}

const fromRow = (r: TermRow): VocabularyTerm => ({
	scheme: r.scheme,
	code: r.code,
	label: r.label,
	altLabels: r.alt_labels,
	note: r.note,
	position: r.position
});

const columns = sql`scheme, code, label, alt_labels, note, position`;
const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

export function createVocabularyRepository(ctx: PgContext): VocabularyRepository {
	return {
		async upsert(terms: VocabularyTerm[]) {
			// One statement cannot update the same row twice: the last duplicate in the input wins.
			const unique = [...new Map(terms.map((t) => [`${t.scheme}\u0000${t.code}`, t])).values()];
			if (unique.length === 0) return;
			await mapErrors('vocabulary term', () =>
				ctx.db.execute(sql`
					insert into vocabulary_terms (scheme, code, label, alt_labels, note, position)
					select u.scheme, u.code, u.label::jsonb, u.alt_labels::jsonb, u.note::jsonb, u.position
					from unnest(${arr(
						unique.map((t) => t.scheme),
						'text'
					)}, ${arr(
						unique.map((t) => t.code),
						'text'
					)},
						${arr(
							unique.map((t) => JSON.stringify(t.label)),
							'text'
						)},
						${arr(
							unique.map((t) => JSON.stringify(t.altLabels)),
							'text'
						)},
						${arr(
							unique.map((t) => JSON.stringify(t.note)),
							'text'
						)},
						${arr(
							unique.map((t) => t.position),
							'int'
						)})
						as u(scheme, code, label, alt_labels, note, position)
					on conflict (scheme, code) do update set label = excluded.label,
						alt_labels = excluded.alt_labels, note = excluded.note, position = excluded.position`)
			);
		},

		async list(scheme: VocabularyScheme) {
			const result = await ctx.db.execute<TermRow>(
				sql`select ${columns} from vocabulary_terms where scheme = ${scheme} order by position, code`
			);
			return result.rows.map(fromRow);
		},

		async get(scheme: VocabularyScheme, code: string) {
			const result = await ctx.db.execute<TermRow>(
				sql`select ${columns} from vocabulary_terms where scheme = ${scheme} and code = ${code}`
			);
			return result.rows[0] ? fromRow(result.rows[0]) : null;
		}
	};
}
