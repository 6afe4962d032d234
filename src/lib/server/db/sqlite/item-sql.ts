/**
 * SQL fragments for the access scope and item filters, applied in every item read. Enum values
 * are checked against the domain lists and inlined (few distinct statements, and the planner sees
 * literals); free text and group slugs are bound parameters.
 */
import {
	ITEM_KINDS,
	STATUSES,
	VISIBILITIES,
	type AccessScope,
	type ItemFilter
} from '$lib/domain/types';
import { MAX_LIMIT } from '$lib/server/db/ports';
import { ValidationError } from '$lib/server/errors';

export interface SqlPart {
	sql: string;
	params: unknown[];
}

export function literalList(
	values: readonly string[],
	allowed: readonly string[],
	what: string
): string {
	for (const v of values) {
		if (!allowed.includes(v)) throw new ValidationError(`Unknown ${what} "${v}".`);
	}
	return values.map((v) => `'${v}'`).join(', ');
}

/**
 * The one access rule (see AccessScope) as a WHERE fragment over items alias `i`. Most rows pass
 * it, so by default the columns are written `+i.status` to keep the planner from choosing the
 * (unselective) status index over id order; `count` asks for the indexable form.
 */
export function scopeWhere(scope: AccessScope, indexable = false): SqlPart {
	const col = (c: string) => (indexable ? `i.${c}` : `+i.${c}`);
	if (scope.statuses.length === 0 || scope.visibilities.length === 0) {
		return { sql: '0', params: [] };
	}
	const parts = [
		`${col('status')} IN (${literalList(scope.statuses, STATUSES, 'status')})`,
		`${col('visibility')} IN (${literalList(scope.visibilities, VISIBILITIES, 'visibility')})`
	];
	const params: unknown[] = [];
	if (scope.visibilities.includes('community') && scope.groups !== 'all') {
		if (scope.groups.length === 0) {
			parts.push(`i.visibility <> 'community'`);
		} else {
			parts.push(
				`(i.visibility <> 'community' OR EXISTS (SELECT 1 FROM item_groups g WHERE g.item_id = i.id` +
					` AND g.group_slug IN (SELECT value FROM json_each(?))))`
			);
			params.push(JSON.stringify(scope.groups));
		}
	}
	return { sql: parts.join(' AND '), params };
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
 * Item filters as a WHERE fragment (`1` when there are none). `scope` decides which collections
 * the `collection` filter may name: one outside it matches nothing (collections carry no
 * community groups, so status and visibility decide, as in CollectionRepository.getBySlug).
 */
export function filterWhere(
	filter: ItemFilter | undefined,
	scope: Pick<AccessScope, 'statuses' | 'visibilities'> = PUBLIC_COLLECTIONS
): SqlPart {
	const parts: string[] = [];
	const params: unknown[] = [];
	if (filter?.kinds?.length) {
		parts.push(`i.kind IN (${literalList(filter.kinds, ITEM_KINDS, 'item kind')})`);
	}
	if (filter?.ethnicGroups?.length) {
		parts.push(
			`EXISTS (SELECT 1 FROM item_terms t WHERE t.item_id = i.id AND t.scheme = 'ethnic_group'` +
				` AND t.code IN (SELECT value FROM json_each(?)))`
		);
		params.push(JSON.stringify(filter.ethnicGroups));
	}
	if (filter?.province !== undefined) {
		parts.push('i.province = ?');
		params.push(filter.province);
	}
	// A span is [start ?? end, end ?? start]; undated items never match a year filter.
	if (filter?.fromYear !== undefined) {
		parts.push('coalesce(i.end_year, i.start_year) >= ?');
		params.push(year(filter.fromYear, 'fromYear'));
	}
	if (filter?.toYear !== undefined) {
		parts.push('coalesce(i.start_year, i.end_year) <= ?');
		params.push(year(filter.toYear, 'toYear'));
	}
	// A language "has" an item when the item has a non-empty title in it.
	if (filter?.textLang !== undefined) {
		parts.push(
			`EXISTS (SELECT 1 FROM item_texts x WHERE x.item_id = i.id AND x.lang = ? AND x.title <> '')`
		);
		params.push(filter.textLang);
	}
	if (filter?.collection !== undefined) {
		const readable = scope.statuses.length > 0 && scope.visibilities.length > 0;
		parts.push(readable ? collectionWhere(scope) : '0');
		if (readable) params.push(filter.collection);
	}
	return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

/** Membership in the collection whose slug is the one parameter, if the scope may read it. */
function collectionWhere(scope: Pick<AccessScope, 'statuses' | 'visibilities'>): string {
	return (
		`EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id` +
		` WHERE ci.item_id = i.id AND c.slug = ?` +
		` AND c.status IN (${literalList(scope.statuses, STATUSES, 'status')})` +
		` AND c.visibility IN (${literalList(scope.visibilities, VISIBILITIES, 'visibility')}))`
	);
}

function year(v: number, name: string): number {
	if (!Number.isInteger(v))
		throw new ValidationError(`${name} must be a whole year (e.g. -200 or 1802).`);
	return v;
}

/** The point columns a scope may use: true point for staff, public point for everyone else. */
export function pointColumns(scope: AccessScope): { lng: string; lat: string } {
	return scope.exactLocation
		? { lng: 'i.lng', lat: 'i.lat' }
		: { lng: 'i.public_lng', lat: 'i.public_lat' };
}

export function clampLimit(limit: number): number {
	if (!Number.isFinite(limit)) throw new ValidationError('limit must be a number.');
	return Math.max(0, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export function checkOffset(offset: number | undefined): number {
	const o = offset ?? 0;
	if (!Number.isFinite(o) || o < 0) throw new ValidationError('offset must be 0 or more.');
	return Math.floor(o);
}

/** Joins fragments with AND and concatenates their parameters in order. */
export function and(...parts: SqlPart[]): SqlPart {
	return {
		sql: parts.map((p) => `(${p.sql})`).join(' AND '),
		params: parts.flatMap((p) => p.params)
	};
}
