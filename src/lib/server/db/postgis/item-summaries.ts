/** Loads ItemSummary rows for a selection of item ids, shared by lists, spatial reads and search. */
import { sql, type SQL } from 'drizzle-orm';
import type { ItemSummary } from '$lib/domain/types';
import type { Db } from './pg-context';
import { summaryFromRow, type SummaryRow } from './item-mapping';
import { summaryColumns } from './item-sql';

/**
 * Summaries for the rows `selection` picks (a query over `items i` returning `id`, plus any
 * `extra` columns such as meters or score), ordered by `orderBy` over the selection (`sel.*`).
 * The heavier per-row subqueries run only for the selected rows.
 */
export async function summariesFor<Extra extends object = object>(
	db: Db,
	selection: SQL,
	orderBy: SQL,
	extra: Array<keyof Extra & string> = []
): Promise<Array<ItemSummary & Extra>> {
	const extraCols = extra.map((c) => sql`, sel.${sql.identifier(c)}`);
	const result = await db.execute<SummaryRow & Extra>(sql`
		select ${summaryColumns}${sql.join(extraCols)}
		from (${selection}) sel join items i on i.id = sel.id
		order by ${orderBy}`);
	return result.rows.map((r) => {
		const out = summaryFromRow(r) as ItemSummary & Extra;
		for (const c of extra) (out as Record<string, unknown>)[c] = r[c];
		return out;
	});
}
