/**
 * SQL fragments shared by the item queries: the access scope, the item filter, which point a
 * viewer's spatial reads use, and the column lists that feed item-mapping.ts. All values go in as
 * bind parameters; only fixed identifiers are raw.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, BBox, ItemFilter } from '$lib/domain/types';
import { splitAntimeridian } from '$lib/geo/bbox';
import { EARTH_RADIUS_M } from '$lib/geo/distance';
import { MAX_LIMIT } from '$lib/server/db/ports';

/** A text[] bind parameter (drizzle would otherwise expand a JS array into a value list). */
export const textArray = (values: readonly string[]) => sql`${sql.param([...values])}::text[]`;

export const clampLimit = (limit: number) =>
	Math.max(0, Math.min(MAX_LIMIT, Math.floor(Number.isFinite(limit) ? limit : 0)));
export const clampOffset = (offset: number | undefined) =>
	Math.max(0, Math.floor(Number.isFinite(offset) ? (offset as number) : 0));

/** ISO-8601 UTC with milliseconds, exactly as Date#toISOString writes it. */
export const iso = (column: SQL) =>
	sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * `column` is one of `values`. One value is written as plain `=`: the planner costs `= any` of a
 * one-element array at half an operator, so it would test the text columns before a bbox's double
 * comparisons, and in findInBBox's id walk (where ~99% of rows fail the box) that made the walk
 * ~40% slower. Plain `=` costs the same as a comparison, so the written order (box first) stays.
 */
function oneOf(column: SQL, values: readonly string[]): SQL {
	return values.length === 1
		? sql`${column} = ${values[0]}`
		: sql`${column} = any(${textArray(values)})`;
}

/** The rows of `items i` the scope may read (see AccessScope). */
export function scopeSql(scope: AccessScope): SQL {
	const parts = [
		oneOf(sql.raw('i.status'), scope.statuses),
		oneOf(sql.raw('i.visibility'), scope.visibilities)
	];
	// The group rule only narrows community items; without them in the scope it is always true.
	if (scope.groups !== 'all' && scope.visibilities.includes('community')) {
		parts.push(
			scope.groups.length === 0
				? sql`i.visibility <> 'community'`
				: sql`(i.visibility <> 'community' or exists (select 1 from item_groups g where g.item_id = i.id and g.group_slug = any(${textArray(scope.groups)})))`
		);
	}
	return sql.join(parts, sql` and `);
}

/**
 * Whose collections a filter may name when the caller passes no scope: only published public
 * ones, so a caller that forgets the scope can hide a draft collection but never reveal one.
 */
const PUBLIC_COLLECTIONS: Pick<AccessScope, 'statuses' | 'visibilities'> = {
	statuses: ['published'],
	visibilities: ['public']
};

/**
 * The item filter over `items i`. `scope` decides which collections the `collection` filter may
 * name: one outside it matches nothing (collections carry no community groups, so status and
 * visibility decide, as in the collection repository).
 */
export function filterSql(
	filter: ItemFilter | undefined,
	scope: Pick<AccessScope, 'statuses' | 'visibilities'> = PUBLIC_COLLECTIONS
): SQL {
	const parts: SQL[] = [];
	if (filter?.kinds) parts.push(sql`i.kind = any(${textArray(filter.kinds)})`);
	if (filter?.ethnicGroups) {
		parts.push(
			sql`exists (select 1 from item_terms f where f.item_id = i.id and f.scheme = 'ethnic_group' and f.code = any(${textArray(filter.ethnicGroups)}))`
		);
	}
	if (filter?.province !== undefined) parts.push(sql`i.province = ${filter.province}`);
	// Overlap of [start, end] with [fromYear, toYear]; an open end of the item's span is unbounded.
	if (filter?.fromYear !== undefined) {
		parts.push(sql`coalesce(i.end_year, i.start_year) >= ${filter.fromYear}`);
	}
	if (filter?.toYear !== undefined) {
		parts.push(sql`coalesce(i.start_year, i.end_year) <= ${filter.toYear}`);
	}
	// A language "has" an item when the item has a non-empty title in it.
	if (filter?.textLang !== undefined) {
		parts.push(
			sql`exists (select 1 from item_texts x where x.item_id = i.id and x.lang = ${filter.textLang} and x.title <> '')`
		);
	}
	if (filter?.collection !== undefined) {
		parts.push(
			sql`exists (select 1 from collection_items ci join collections c on c.id = ci.collection_id
				where ci.item_id = i.id and c.slug = ${filter.collection}
				and c.status = any(${textArray(scope.statuses)}) and c.visibility = any(${textArray(scope.visibilities)}))`
		);
	}
	return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** The point columns a viewer's spatial reads use: the true point for staff, else the public one. */
export function spatialColumns(scope: AccessScope): { geom: SQL; lng: SQL; lat: SQL } {
	return scope.exactLocation
		? { geom: sql.raw('i.geom'), lng: sql.raw('i.lng'), lat: sql.raw('i.lat') }
		: {
				geom: sql.raw('i.public_geom'),
				lng: sql.raw('i.public_lng'),
				lat: sql.raw('i.public_lat')
			};
}

/**
 * Rows whose point lies in the box, edges inclusive. For the public point, `point <@ box` runs as
 * an index-only scan on items_public_point_gist (the hot, anonymous path); it compares with a 1e-6
 * tolerance, so the double columns (included in the index) recheck the exact edges. Staff reads of
 * true points use items_geom_gist (`&&`, kept for vector tiles anyway; its float boxes round
 * outwards, and the doubles recheck), so writes maintain one GiST fewer. `pointIndex: false` leaves only the double comparisons, for
 * plans that should not touch the GiST (see findInBBox).
 */
export function bboxSql(bbox: BBox, scope: AccessScope, { pointIndex = true } = {}): SQL {
	const c = spatialColumns(scope);
	const parts = splitAntimeridian(bbox).map((b) => {
		const exact = sql`${c.lng} between ${b.west} and ${b.east} and ${c.lat} between ${b.south} and ${b.north}`;
		if (!pointIndex) return sql`(${exact})`;
		return scope.exactLocation
			? sql`(${c.geom} && ST_MakeEnvelope(${b.west}::float8, ${b.south}::float8, ${b.east}::float8, ${b.north}::float8, 4326) and ${exact})`
			: sql`(point(${c.lng}, ${c.lat}) <@ box(point(${b.west}::float8, ${b.south}::float8), point(${b.east}::float8, ${b.north}::float8)) and ${exact})`;
	});
	return sql`(${sql.join(parts, sql` or `)})`;
}

/** Great-circle metres from (lngCol, latCol) to a point: haversineMeters, term for term. */
export function haversineSql(lngCol: SQL, latCol: SQL, lng: number, lat: number): SQL {
	const rad = Math.PI / 180;
	return sql`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1::float8, sqrt(
		power(sin((${latCol} - ${lat}::float8) * ${rad}::float8 / 2), 2)
		+ cos(${lat}::float8 * ${rad}::float8) * cos(${latCol} * ${rad}::float8)
			* power(sin((${lngCol} - ${lng}::float8) * ${rad}::float8 / 2), 2)))))`;
}

/**
 * Columns of an ItemSummary for `items i` (see summaryFromRow): summary_doc carries the texts and
 * ethnic groups; the subqueries run only for a row without one (written before migration 0004;
 * a CASE evaluates its subplan only when its branch is taken).
 */
export const summaryColumns = sql`
	i.id, i.slug, i.kind, i.public_lng, i.public_lat, i.province, i.start_year, i.end_year,
	i.summary_doc,
	case when i.summary_doc is null then
		(select coalesce(json_agg(json_build_array(t.lang, t.title, t.summary)), '[]'::json)
			from item_texts t where t.item_id = i.id) end as texts,
	case when i.summary_doc is null then
		array(select c.code from item_terms c where c.item_id = i.id and c.scheme = 'ethnic_group')
		end as ethnic_groups,
	(select m.id from media m where m.item_id = i.id and m.kind = 'image'
		order by m.position, m.id limit 1) as cover_media_id`;

/** Columns of a full Item for `items i` (see itemFromRow). */
export const itemColumns = sql`
	i.id, i.slug, i.kind, i.status, i.visibility, i.lng, i.lat, i.public_lng, i.public_lat,
	i.geometry, i.precision, i.province, i.district, i.commune, i.start_year, i.end_year,
	i.time_label, i.rights, i.dc,
	${iso(sql.raw('i.created_at'))} as created_at, ${iso(sql.raw('i.updated_at'))} as updated_at,
	(select coalesce(json_agg(json_build_array(t.lang, t.title, t.summary, t.body)), '[]'::json)
		from item_texts t where t.item_id = i.id) as texts,
	array(select c.code from item_terms c where c.item_id = i.id and c.scheme = 'ethnic_group') as ethnic_groups,
	array(select c.code from item_terms c where c.item_id = i.id and c.scheme = 'subject') as subjects,
	array(select g.group_slug from item_groups g where g.item_id = i.id) as community_groups`;
