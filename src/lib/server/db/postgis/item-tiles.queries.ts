/**
 * Item vector tiles on PostGIS: ST_AsMVT over ST_AsMVTGeom against ST_TileEnvelope. The search
 * boxes (buffer included, split at the antimeridian) come from $lib/geo/tiles like SQLite's, so
 * both engines pick the same items; points are projected to EPSG:3857 with the spherical formula
 * (what ST_Transform computes), shifted by a world when the buffer wraps past ±180. At low zoom
 * items are aggregated per grid cell in SQL. Every value is a bind parameter.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AccessScope, ItemFilter } from '$lib/domain/types';
import {
	clusterGrid,
	extentProblem,
	ITEM_TILE_LAYER,
	MAX_TILE_FEATURES,
	MERCATOR_HALF_WORLD,
	MERCATOR_RADIUS,
	CLUSTER_GRID,
	TILE_BUFFER,
	TILE_EXTENT,
	tileProblem,
	tileSearchBoxes,
	type TileCoord
} from '$lib/geo/tiles';
import type { PyramidPoints, TileItemProps, TileRepository } from '$lib/server/db/ports';
import { PyramidTagsBuilder } from '$lib/server/db/pyramid-tags';
import { ValidationError } from '$lib/server/errors';
import { bboxSql, filterSql, scopeSql, spatialColumns } from './item-sql';
import type { PgContext } from './pg-context';

export function createTileRepository(ctx: PgContext): TileRepository {
	return {
		async itemsTile(tile, scope, opts) {
			const problem = tileProblem(tile) ?? extentProblem(opts.extent ?? TILE_EXTENT);
			if (problem) throw new ValidationError(problem);
			const extent = opts.extent ?? TILE_EXTENT;
			const buffer = Math.round((TILE_BUFFER * extent) / TILE_EXTENT);
			const points = pointsSql(tile, extent, scope, opts.filter);
			let grid = clusterGrid(tile.z);
			if (grid === null) {
				const probe = await ctx.db.execute<{ n: number }>(
					sql`select count(*)::int as n from (select 1 from (${points}) p limit ${MAX_TILE_FEATURES + 1}) s`
				);
				if ((probe.rows[0]?.n ?? 0) > MAX_TILE_FEATURES) grid = CLUSTER_GRID;
			}
			const cells = grid === null ? individualSql(points) : cellsSql(points, tile, grid);
			const result = await ctx.db.execute<{ mvt: Buffer | null }>(
				sql`select ST_AsMVT(f, ${ITEM_TILE_LAYER}::text, ${extent}::int4, 'geom', 'fid') as mvt from (
					select case when c.n = 1 then c.one_id end as fid,
						case when c.n = 1 then c.one_id end as id,
						i.kind,
						(select nullif(t.title, '') from item_texts t where t.item_id = i.id and t.lang = 'vi') as title_vi,
						(select nullif(t.title, '') from item_texts t where t.item_id = i.id and t.lang = 'en') as title_en,
						(select m.id from media m where m.item_id = i.id and m.kind = 'image'
							order by m.position, m.id limit 1) as cover,
						c.n as count,
						ST_AsMVTGeom(ST_SetSRID(ST_MakePoint(c.mx, c.my), 3857),
							ST_TileEnvelope(${tile.z}::int4, ${tile.x}::int4, ${tile.y}::int4),
							${extent}::int4, ${buffer}::int4, false) as geom
					from (${cells}) c left join items i on c.n = 1 and i.id = c.one_id
				) f where f.geom is not null`
			);
			const mvt = result.rows[0]?.mvt;
			return mvt ? Buffer.from(mvt) : Buffer.alloc(0);
		},

		// --- tile pyramid (see services/tile-pyramid.ts) ---

		async pointsForPyramid(scope) {
			return readPyramidPoints(ctx, scope);
		},

		async tileProps(ids) {
			if (ids.length === 0) return [];
			const result = await ctx.db.execute<Record<string, unknown>>(
				sql`select i.id, i.kind,
					(select nullif(t.title, '') from item_texts t where t.item_id = i.id and t.lang = 'vi') as title_vi,
					(select nullif(t.title, '') from item_texts t where t.item_id = i.id and t.lang = 'en') as title_en,
					(select m.id from media m where m.item_id = i.id and m.kind = 'image'
						order by m.position, m.id limit 1) as cover
				from items i where i.id = any(${`{${ids.map(Number).join(',')}}`}::int[])`
			);
			return result.rows.map((r): TileItemProps => ({
				id: Number(r.id),
				kind: String(r.kind),
				title_vi: (r.title_vi as string | null) ?? null,
				title_en: (r.title_en as string | null) ?? null,
				cover: r.cover === null || r.cover === undefined ? null : Number(r.cover)
			}));
		},

		async itemsStamp(scope) {
			const result = await ctx.db.execute<{ n: number; at: string | null; top: number | null }>(
				sql`select count(*)::int as n, max(i.updated_at)::text as at, max(i.id)::int as top
				from items i where ${scopeSql(scope)}`
			);
			const row = result.rows[0];
			return `${row?.n ?? 0}|${row?.at ?? ''}|${row?.top ?? ''}`;
		}
	};
}

/**
 * Pages through the scope's points by id (keyset), so no single result holds 1M rows, with their
 * tags (as tileProps reads them) so pyramid tiles need no query.
 */
async function readPyramidPoints(ctx: PgContext, scope: AccessScope): Promise<PyramidPoints> {
	const c = spatialColumns(scope);
	// 20k rows per query: parsing a chunk blocks the event loop, so keep each one short.
	const chunk = 20_000;
	const ids: number[] = [];
	const lngs: number[] = [];
	const lats: number[] = [];
	const tags = new PyramidTagsBuilder();
	let after = 0;
	for (;;) {
		const result = await ctx.db.execute<{
			id: number;
			lng: number;
			lat: number;
			kind: string;
			title_vi: string | null;
			title_en: string | null;
			cover: number | null;
		}>(
			sql`select i.id::int as id, ${c.lng}::float8 as lng, ${c.lat}::float8 as lat, i.kind,
				${titleSql('vi')} as title_vi, ${titleSql('en')} as title_en, ${coverSql} as cover
			from items i
			where i.id > ${after} and ${scopeSql(scope)} and ${c.lng} is not null and ${c.lat} is not null
			order by i.id limit ${chunk}`
		);
		for (const r of result.rows) {
			ids.push(Number(r.id));
			lngs.push(Number(r.lng));
			lats.push(Number(r.lat));
			tags.add(String(r.kind), r.title_vi, r.title_en, r.cover === null ? null : Number(r.cover));
		}
		if (result.rows.length < chunk) break;
		after = ids[ids.length - 1];
	}
	return {
		ids: Int32Array.from(ids),
		lng: Float64Array.from(lngs),
		lat: Float64Array.from(lats),
		tags: tags.finish()
	};
}

const titleSql = (lang: 'vi' | 'en') =>
	sql`(select nullif(t.title, '') from item_texts t where t.item_id = i.id and t.lang = ${lang})`;
const coverSql = sql`(select m.id::int from media m where m.item_id = i.id and m.kind = 'image'
	order by m.position, m.id limit 1)`;

/** `id, mx, my` (EPSG:3857 metres) of the readable items in the tile and its buffer. */
function pointsSql(
	tile: TileCoord,
	extent: number,
	scope: AccessScope,
	filter: ItemFilter | undefined
): SQL {
	const c = spatialColumns(scope);
	const readable = sql`${scopeSql(scope)} and ${filterSql(filter, scope)}`;
	const buffer = Math.round((TILE_BUFFER * extent) / TILE_EXTENT);
	const parts = tileSearchBoxes(tile, buffer, extent).map(
		(box) =>
			sql`select i.id,
				(${c.lng} + ${box.shift}::float8) * ${MERCATOR_HALF_WORLD / 180}::float8 as mx,
				ln(tan(pi() / 4 + radians(${c.lat}) / 2)) * ${MERCATOR_RADIUS}::float8 as my
			from items i
			where ${bboxSql(box, scope)} and ${readable}`
	);
	return sql.join(parts, sql` union all `);
}

function individualSql(points: SQL): SQL {
	return sql`select 1 as n, p.mx, p.my, p.id as one_id from (${points}) p
		order by p.id limit ${MAX_TILE_FEATURES}`;
}

/** One row per non-empty cell of a grid×grid split of the tile, largest first, capped. */
function cellsSql(points: SQL, { z, x, y }: TileCoord, grid: number): SQL {
	const size = (2 * MERCATOR_HALF_WORLD) / 2 ** z;
	const xmin = -MERCATOR_HALF_WORLD + x * size;
	const ymax = MERCATOR_HALF_WORLD - y * size;
	const cell = size / grid;
	return sql`select count(*)::int as n, avg(p.mx) as mx, avg(p.my) as my, min(p.id) as one_id
		from (${points}) p
		group by floor((p.mx - ${xmin}::float8) / ${cell}::float8),
			floor((${ymax}::float8 - p.my) / ${cell}::float8)
		order by n desc, one_id limit ${MAX_TILE_FEATURES}`;
}
