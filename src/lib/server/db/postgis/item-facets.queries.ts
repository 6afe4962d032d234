/**
 * Facet counts for the map's filter panel on PostGIS (ItemRepository.facets). One statement: the
 * items matching scope, bbox, search text and collection are gathered once (a materialised CTE)
 * with one boolean flag per facet-able filter; each facet groups the rows that pass every flag
 * but its own (disjunctive faceting). The text match is search's (folded words, prefix on the
 * last one) without its candidate cap, so counts are exact.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFacets, ItemFilter } from '$lib/domain/types';
import { validateBBox } from '$lib/geo/bbox';
import { MAX_QUERY_LENGTH, searchTokens } from '$lib/text/fold';
import { ValidationError } from '$lib/server/errors';
import { emptyFacets, facetsFromRows, type FacetRow } from '../facet-results';
import type { Db } from './pg-context';
import { tsQueryText } from './item-search.queries';
import { MAX_FACET_ROWS, type FacetSourceRow } from '../ports';
import { bboxSql, filterSql, scopeSql, spatialColumns } from './item-sql';

export async function itemFacets(
	db: Db,
	scope: AccessScope,
	opts: { bbox?: BBox; q?: string; filter?: ItemFilter }
): Promise<ItemFacets> {
	if (opts.bbox) {
		const problem = validateBBox(opts.bbox);
		if (problem) throw new ValidationError(problem);
	}
	const q = opts.q?.slice(0, MAX_QUERY_LENGTH).trim() ?? '';
	const tokens = q === '' ? [] : searchTokens(q);
	if (q !== '' && tokens.length === 0) return emptyFacets();
	const f = opts.filter ?? {};
	const common: SQL[] = [scopeSql(scope), filterSql({ collection: f.collection }, scope)];
	if (opts.bbox) common.push(bboxSql(opts.bbox, scope));
	if (tokens.length > 0) {
		common.push(
			sql`i.id in (select t.item_id from item_texts t where t.fold_tsv @@ to_tsquery('simple', ${tsQueryText(tokens, true)}))`
		);
	}
	const flag = (part: ItemFilter) => filterSql(part, scope);
	const all = ['fk', 'fe', 'fp', 'fl', 'fy'] as const;
	const but = (own?: (typeof all)[number]) =>
		sql.raw(all.filter((x) => x !== own).join(' and ') || 'true');
	const result = await db.execute<FacetRow & Record<string, unknown>>(sql`
		with b as materialized (
			select i.id, i.kind, i.province,
				coalesce(i.start_year, i.end_year) as ys, coalesce(i.end_year, i.start_year) as ye,
				(${flag({ kinds: f.kinds })}) as fk,
				(${flag({ ethnicGroups: f.ethnicGroups })}) as fe,
				(${flag({ province: f.province })}) as fp,
				(${flag({ textLang: f.textLang })}) as fl,
				(${flag({ fromYear: f.fromYear, toYear: f.toYear })}) as fy
			from items i where ${sql.join(common, sql` and `)}
		)
		select 't' as f, null::text as code, count(*)::int as n from b where ${but()}
		union all select 'k', kind, count(*)::int from b where ${but('fk')} group by kind
		union all select 'e', t.code, count(*)::int from b
			join item_terms t on t.item_id = b.id and t.scheme = 'ethnic_group'
			where ${but('fe')} group by t.code
		union all select 'p', province, count(*)::int from b
			where province is not null and ${but('fp')} group by province
		union all select 'l', x.lang, count(*)::int from b
			join item_texts x on x.item_id = b.id and x.title <> ''
			where ${but('fl')} group by x.lang
		union all select 's', ys::text, count(*)::int from b
			where ys is not null and ${but('fy')} group by ys
		union all select 'x', ye::text, count(*)::int from b
			where ye is not null and ${but('fy')} group by ye`);
	return facetsFromRows(result.rows);
}

/** See ItemRepository.facetRows. */
export async function facetRows(
	db: Db,
	scope: AccessScope,
	page: { afterId: number; limit: number }
): Promise<FacetSourceRow[]> {
	const c = spatialColumns(scope);
	const limit = Math.max(0, Math.min(MAX_FACET_ROWS, Math.floor(page.limit)));
	const result = await db.execute<{
		id: number;
		lng: number | null;
		lat: number | null;
		kind: string;
		province: string | null;
		ys: number | null;
		ye: number | null;
		eg: string[];
		langs: string[];
	}>(sql`
		select i.id, ${c.lng} as lng, ${c.lat} as lat, i.kind, i.province,
			coalesce(i.start_year, i.end_year) as ys, coalesce(i.end_year, i.start_year) as ye,
			array(select t.code from item_terms t where t.item_id = i.id and t.scheme = 'ethnic_group') as eg,
			array(select x.lang from item_texts x where x.item_id = i.id and x.title <> '') as langs
		from items i where i.id > ${page.afterId} and ${scopeSql(scope)}
		order by i.id limit ${limit}`);
	return result.rows.map((r) => ({
		id: r.id,
		lng: r.lng,
		lat: r.lat,
		kind: r.kind,
		province: r.province,
		spanStart: r.ys,
		spanEnd: r.ye,
		ethnicGroups: r.eg,
		titleLangs: r.langs
	}));
}
