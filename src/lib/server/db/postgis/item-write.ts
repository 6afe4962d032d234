/**
 * Batched item writes: one INSERT … SELECT FROM unnest(…) per table and chunk, so createMany of
 * 100k records costs a few hundred statements instead of half a million. Callers run these inside
 * one transaction (PgContext.atomic).
 */
import { sql } from 'drizzle-orm';
import type { NewItem } from '$lib/domain/types';
import { ValidationError } from '$lib/server/errors';
import type { Db } from './pg-context';
import { itemWrite, sortedUnique, textRows } from './item-mapping';

/** Rows per statement: keeps bind arrays well below pg's limits and memory modest. */
const CHUNK = 1000;

const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

function chunks<T>(xs: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
	return out;
}

const SCHEME_NAMES: Record<string, string> = { ethnic_group: 'ethnic group', subject: 'subject' };

/** Throws ValidationError naming every vocabulary code that does not exist in its scheme. */
export async function assertTermsExist(
	db: Db,
	inputs: Pick<NewItem, 'ethnicGroups' | 'subjects'>[]
): Promise<void> {
	const pairs = new Map<string, [string, string]>();
	for (const item of inputs) {
		for (const code of item.ethnicGroups)
			pairs.set(`ethnic_group\u0000${code}`, ['ethnic_group', code]);
		for (const code of item.subjects) pairs.set(`subject\u0000${code}`, ['subject', code]);
	}
	if (pairs.size === 0) return;
	const list = [...pairs.values()];
	const missing = await db.execute<{ scheme: string; code: string }>(sql`
		select u.scheme, u.code
		from unnest(${arr(
			list.map((p) => p[0]),
			'text'
		)}, ${arr(
			list.map((p) => p[1]),
			'text'
		)}) as u(scheme, code)
		where not exists (select 1 from vocabulary_terms v where v.scheme = u.scheme and v.code = u.code)
		order by u.scheme, u.code`);
	if (missing.rows.length === 0) return;
	const names = missing.rows.map((r) => `${SCHEME_NAMES[r.scheme] ?? r.scheme} "${r.code}"`);
	throw new ValidationError(
		`Unknown vocabulary code${names.length > 1 ? 's' : ''}: ${names.join(', ')}. Add ${names.length > 1 ? 'them' : 'it'} to the vocabulary first, or correct the code.`
	);
}

/** Inserts the items rows and everything hanging off them; returns ids in input order. */
export async function insertItems(db: Db, inputs: NewItem[], now: string): Promise<number[]> {
	const ids: number[] = [];
	for (const part of chunks(inputs)) {
		const w = part.map(itemWrite);
		const col = <K extends keyof (typeof w)[number]>(k: K) => w.map((x) => x[k]);
		const result = await db.execute<{ id: number; slug: string }>(sql`
			insert into items (slug, kind, status, visibility, lng, lat, public_lng, public_lat, geometry,
				precision, province, district, commune, start_year, end_year, time_label, rights, dc,
				created_at, updated_at, geom, public_geom, footprint, summary_doc)
			select u.slug, u.kind, u.status, u.visibility, u.lng, u.lat, u.plng, u.plat, u.geometry::jsonb,
				u.precision, u.province, u.district, u.commune, u.start_year, u.end_year,
				u.time_label::jsonb, u.rights::jsonb, u.dc::jsonb, ${now}, ${now},
				ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326),
				ST_SetSRID(ST_MakePoint(u.plng, u.plat), 4326),
				ST_SetSRID(ST_GeomFromGeoJSON(u.geometry), 4326), u.summary_doc
			from unnest(
				${arr(col('slug'), 'text')}, ${arr(col('kind'), 'text')}, ${arr(col('status'), 'text')},
				${arr(col('visibility'), 'text')}, ${arr(col('lng'), 'float8')}, ${arr(col('lat'), 'float8')},
				${arr(col('publicLng'), 'float8')}, ${arr(col('publicLat'), 'float8')},
				${arr(col('geometry'), 'text')}, ${arr(col('precision'), 'text')},
				${arr(col('province'), 'text')}, ${arr(col('district'), 'text')}, ${arr(col('commune'), 'text')},
				${arr(col('startYear'), 'int')}, ${arr(col('endYear'), 'int')},
				${arr(col('timeLabel'), 'text')}, ${arr(col('rights'), 'text')}, ${arr(col('dc'), 'text')},
				${arr(col('summaryDoc'), 'text')}
			) as u(slug, kind, status, visibility, lng, lat, plng, plat, geometry, precision, province,
				district, commune, start_year, end_year, time_label, rights, dc, summary_doc)
			returning id, slug`);
		// Slugs are unique, so they pair returned ids with inputs without relying on row order.
		const bySlug = new Map(result.rows.map((r) => [r.slug, r.id]));
		const partIds = part.map((item) => bySlug.get(item.slug) as number);
		await insertTexts(db, part, partIds);
		await insertTerms(db, part, partIds);
		await insertGroups(db, part, partIds);
		ids.push(...partIds);
	}
	return ids;
}

export async function insertTexts(
	db: Db,
	items: Pick<NewItem, 'title' | 'summary' | 'body'>[],
	ids: number[]
): Promise<void> {
	const rows = items.flatMap((item, i) => textRows(item).map((t) => ({ ...t, id: ids[i] })));
	if (rows.length === 0) return;
	await db.execute(sql`
		insert into item_texts (item_id, lang, title, summary, body, fold)
		select * from unnest(${arr(
			rows.map((r) => r.id),
			'int'
		)}, ${arr(
			rows.map((r) => r.lang),
			'text'
		)},
			${arr(
				rows.map((r) => r.title),
				'text'
			)}, ${arr(
				rows.map((r) => r.summary),
				'text'
			)},
			${arr(
				rows.map((r) => r.body),
				'text'
			)}, ${arr(
				rows.map((r) => r.fold),
				'text'
			)})`);
}

export async function insertTerms(
	db: Db,
	items: Pick<NewItem, 'ethnicGroups' | 'subjects'>[],
	ids: number[]
): Promise<void> {
	const rows = items.flatMap((item, i) => [
		...sortedUnique(item.ethnicGroups).map((code) => [ids[i], 'ethnic_group', code] as const),
		...sortedUnique(item.subjects).map((code) => [ids[i], 'subject', code] as const)
	]);
	if (rows.length === 0) return;
	await db.execute(sql`
		insert into item_terms (item_id, scheme, code)
		select * from unnest(${arr(
			rows.map((r) => r[0]),
			'int'
		)}, ${arr(
			rows.map((r) => r[1]),
			'text'
		)},
			${arr(
				rows.map((r) => r[2]),
				'text'
			)})`);
}

/** Links community groups, creating (slug only) any group that does not exist yet. */
export async function insertGroups(
	db: Db,
	items: Pick<NewItem, 'communityGroups'>[],
	ids: number[]
): Promise<void> {
	const rows = items.flatMap((item, i) =>
		sortedUnique(item.communityGroups).map((slug) => [ids[i], slug] as const)
	);
	if (rows.length === 0) return;
	const slugs = sortedUnique(rows.map((r) => r[1]));
	await db.execute(sql`
		insert into community_groups (slug, name)
		select s, '{}'::jsonb from unnest(${arr(slugs, 'text')}) as s
		on conflict (slug) do nothing`);
	await db.execute(sql`
		insert into item_groups (item_id, group_slug)
		select * from unnest(${arr(
			rows.map((r) => r[0]),
			'int'
		)}, ${arr(
			rows.map((r) => r[1]),
			'text'
		)})`);
}

/** `delete from <table> where item_id = id` for the link tables an update replaces. */
export const deleteLinks = (
	db: Db,
	table: 'item_texts' | 'item_terms' | 'item_groups',
	id: number
) => db.execute(sql`delete from ${sql.identifier(table)} where item_id = ${id}`);
