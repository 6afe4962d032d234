/**
 * Facet counts for the map's filter panel on SQLite (ItemRepository.facets). One statement: the
 * items matching scope, bbox, search text and collection are gathered once (a materialised CTE)
 * with one 0/1 flag per facet-able filter, then each facet groups the rows that pass every flag
 * but its own (disjunctive faceting). Results are cached per query until the items change (the
 * shared CountCache clears on every write and on commits by other connections).
 */
import type { AccessScope, BBox, ItemFacets, ItemFilter } from '$lib/domain/types';
import { splitAntimeridian } from '$lib/geo/bbox';
import { MAX_QUERY_LENGTH, searchTokens } from '$lib/text/fold';
import { emptyFacets, facetsFromRows, type FacetRow } from '../facet-results';
import { MAX_FACET_ROWS, type FacetSourceRow } from '../ports';
import { and, filterWhere, pointColumns, scopeWhere, type SqlPart } from './item-sql';
import { checkBBox, insideBoxes, rtreeIds } from './item-spatial';
import type { SqliteContext } from './sqlite-context';

export interface FacetOptions {
	bbox?: BBox;
	q?: string;
	filter?: ItemFilter;
}

/** Above this many R*Tree hits, scanning items beats looking each hit up by id. */
const TREE_PROBE = 20_000;
const MAX_CACHED = 200;

export class ItemFacetsReader {
	private readonly cache = new Map<string, ItemFacets>();
	private cacheVersion: unknown;

	constructor(private readonly ctx: SqliteContext) {}

	facets(scope: AccessScope, opts: FacetOptions): ItemFacets {
		if (opts.bbox) checkBBox(opts.bbox);
		const q = opts.q?.slice(0, MAX_QUERY_LENGTH).trim() ?? '';
		const tokens = q === '' ? [] : searchTokens(q);
		if (q !== '' && tokens.length === 0) return emptyFacets();
		const key = JSON.stringify([scope, opts.bbox ?? null, tokens, opts.filter ?? null]);
		// The count cache is the invalidation signal: it empties on writes and foreign commits.
		const version = this.ctx.counts.get('facets-version', () => Date.now() + Math.random());
		if (version !== this.cacheVersion) {
			this.cache.clear();
			this.cacheVersion = version;
		}
		const hit = this.cache.get(key);
		if (hit) return hit;
		const result = this.compute(scope, opts, tokens);
		if (this.cache.size >= MAX_CACHED) this.cache.clear();
		this.cache.set(key, result);
		return result;
	}

	private compute(scope: AccessScope, opts: FacetOptions, tokens: string[]): ItemFacets {
		const f = opts.filter ?? {};
		// The filters every facet applies; the facet-able ones become flags.
		const common: SqlPart[] = [scopeWhere(scope), filterWhere({ collection: f.collection }, scope)];
		if (opts.bbox) common.push(...this.boxParts(opts.bbox, scope));
		if (tokens.length > 0) {
			common.push({
				sql:
					'i.id IN (SELECT t.item_id FROM item_texts_fts JOIN item_texts t ON t.id = item_texts_fts.rowid' +
					' WHERE item_texts_fts MATCH ?)',
				params: [tokens.map((t, i) => (i === tokens.length - 1 ? `"${t}"*` : `"${t}"`)).join(' ')]
			});
		}
		const flag = (part: ItemFilter) => filterWhere(part, scope);
		const flags = {
			fk: flag({ kinds: f.kinds }),
			fe: flag({ ethnicGroups: f.ethnicGroups }),
			fp: flag({ province: f.province }),
			fl: flag({ textLang: f.textLang }),
			fy: flag({ fromYear: f.fromYear, toYear: f.toYear })
		};
		const where = and(...common);
		const all = ['fk', 'fe', 'fp', 'fl', 'fy'] as const;
		const but = (own?: (typeof all)[number]) => all.filter((x) => x !== own).join(' AND ') || '1';
		const rows = this.ctx
			.stmt<FacetRow>(
				`WITH b AS MATERIALIZED (
					SELECT i.id, i.kind, i.province,
						coalesce(i.start_year, i.end_year) AS ys, coalesce(i.end_year, i.start_year) AS ye,
						(${flags.fk.sql}) AS fk, (${flags.fe.sql}) AS fe, (${flags.fp.sql}) AS fp,
						(${flags.fl.sql}) AS fl, (${flags.fy.sql}) AS fy
					FROM items i WHERE ${where.sql}
				)
				SELECT 't' AS f, NULL AS code, count(*) AS n FROM b WHERE ${but()}
				UNION ALL SELECT 'k', kind, count(*) FROM b WHERE ${but('fk')} GROUP BY kind
				UNION ALL SELECT 'e', t.code, count(*) FROM b
					JOIN item_terms t ON t.item_id = b.id AND t.scheme = 'ethnic_group'
					WHERE ${but('fe')} GROUP BY t.code
				UNION ALL SELECT 'p', province, count(*) FROM b
					WHERE province IS NOT NULL AND ${but('fp')} GROUP BY province
				UNION ALL SELECT 'l', x.lang, count(*) FROM b
					JOIN item_texts x ON x.item_id = b.id AND x.title <> ''
					WHERE ${but('fl')} GROUP BY x.lang
				UNION ALL SELECT 's', ys, count(*) FROM b WHERE ys IS NOT NULL AND ${but('fy')} GROUP BY ys
				UNION ALL SELECT 'x', ye, count(*) FROM b WHERE ye IS NOT NULL AND ${but('fy')} GROUP BY ye`
			)
			.all(
				...flags.fk.params,
				...flags.fe.params,
				...flags.fp.params,
				...flags.fl.params,
				...flags.fy.params,
				...where.params
			);
		return facetsFromRows(rows);
	}

	/**
	 * The box as WHERE parts over the scope's point columns. For public points, a box with few
	 * R*Tree hits also narrows by the tree first (the tree's entries span true and public point, so
	 * the exact columns are re-tested); staff read true points and always use the plain test.
	 */
	private boxParts(bbox: BBox, scope: AccessScope): SqlPart[] {
		const boxes = splitAntimeridian(bbox);
		const inside = insideBoxes(boxes, scope);
		if (scope.exactLocation) return [inside];
		const tree = rtreeIds(boxes);
		const hits = this.ctx
			.stmt<{ n: number }>(`SELECT count(*) AS n FROM (${tree.sql} LIMIT ?)`)
			.get(...tree.params, TREE_PROBE)!.n;
		return hits < TREE_PROBE
			? [{ sql: `i.id IN (${tree.sql})`, params: tree.params }, inside]
			: [inside];
	}

	/** See ItemRepository.facetRows. */
	rows(scope: AccessScope, afterId: number, limit: number): FacetSourceRow[] {
		const where = scopeWhere(scope);
		const { lng, lat } = pointColumns(scope);
		const rows = this.ctx
			.stmt<{
				id: number;
				lng: number | null;
				lat: number | null;
				kind: string;
				province: string | null;
				ys: number | null;
				ye: number | null;
				eg: string | null;
				langs: string | null;
			}>(
				`SELECT i.id, ${lng} AS lng, ${lat} AS lat, i.kind, i.province,
					coalesce(i.start_year, i.end_year) AS ys, coalesce(i.end_year, i.start_year) AS ye,
					(SELECT group_concat(t.code, char(31)) FROM item_terms t
						WHERE t.item_id = i.id AND t.scheme = 'ethnic_group') AS eg,
					(SELECT group_concat(x.lang, char(31)) FROM item_texts x
						WHERE x.item_id = i.id AND x.title <> '') AS langs
				FROM items i WHERE i.id > ? AND ${where.sql} ORDER BY i.id LIMIT ?`
			)
			.all(afterId, ...where.params, Math.max(0, Math.min(MAX_FACET_ROWS, Math.floor(limit))));
		const list = (v: string | null) => (v ? v.split('\x1f') : []);
		return rows.map((r) => ({
			id: r.id,
			lng: r.lng,
			lat: r.lat,
			kind: r.kind,
			province: r.province,
			spanStart: r.ys,
			spanEnd: r.ye,
			ethnicGroups: list(r.eg),
			titleLangs: list(r.langs)
		}));
	}
}
