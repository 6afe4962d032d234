/**
 * PostGIS schema. Table and column names match the SQLite schema one for one (docs/data-model.md,
 * checked by tests/contract/schema-parity.spec.ts); PostGIS adds the geometry columns `geom`,
 * `public_geom` and `footprint` on items, and the generated search vector `fold_tsv` on
 * item_texts. Search and spatial indexes that drizzle cannot express
 * (GiST, GIN on tsvector and trigrams) live in a hand-written migration, 0002_indexes.sql.
 *
 * Imports are relative (not `$lib`) because drizzle-kit loads this file outside Vite.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	check,
	customType,
	doublePrecision,
	foreignKey,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	unique,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { Geometry } from 'geojson';
import type {
	DublinCoreExtra,
	Item,
	LocalizedText,
	Rights,
	VocabularyScheme
} from '../../../domain/types';

/**
 * Geometry columns are written and read through SQL expressions (ST_MakePoint, ST_AsGeoJSON), so
 * the TS type is opaque. A custom type also makes drizzle-kit emit the SRID, which its built-in
 * `geometry()` drops.
 */
const pointGeom = customType<{ data: string; driverData: string }>({
	dataType: () => 'geometry(Point,4326)'
});
const anyGeom = customType<{ data: string; driverData: string }>({
	dataType: () => 'geometry(Geometry,4326)'
});
const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
// Identity, never reused after a delete (as SQLite's AUTOINCREMENT), and pg returns int4 as a number.
const id = () => integer('id').primaryKey().generatedAlwaysAsIdentity();
const inList = (column: string, values: readonly string[]) =>
	sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

export const items = pgTable(
	'items',
	{
		id: id(),
		slug: text('slug').notNull().unique(),
		kind: text('kind').notNull(),
		status: text('status').notNull(),
		visibility: text('visibility').notNull(),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		publicLng: doublePrecision('public_lng'),
		publicLat: doublePrecision('public_lat'),
		geometry: jsonb('geometry').$type<Geometry>(),
		precision: text('precision').notNull(),
		province: text('province'),
		district: text('district'),
		commune: text('commune'),
		startYear: integer('start_year'),
		endYear: integer('end_year'),
		timeLabel: jsonb('time_label').$type<LocalizedText>().notNull(),
		rights: jsonb('rights').$type<Rights>().notNull(),
		dc: jsonb('dc').$type<DublinCoreExtra>().notNull(),
		createdAt: tstz('created_at').notNull(),
		updatedAt: tstz('updated_at').notNull(),
		geom: pointGeom('geom'),
		publicGeom: pointGeom('public_geom'),
		footprint: anyGeom('footprint'),
		/**
		 * The ItemSummary fields that live in other tables (title, summary, ethnic groups) as JSON,
		 * written with the item (item-write.ts, update) so a map read of 200 summaries reads one row
		 * per item. NULL only for rows written before migration 0004 (read through the fallback).
		 */
		summaryDoc: text('summary_doc')
	},
	(t) => [
		index('items_status_visibility_idx').on(t.status, t.visibility),
		index('items_province_idx').on(t.province),
		index('items_kind_idx').on(t.kind),
		index('items_years_idx').on(t.startYear, t.endYear),
		check(
			'items_kind_check',
			inList('kind', ['site', 'structure', 'artefact', 'document', 'practice', 'event', 'person'])
		),
		check('items_status_check', inList('status', ['draft', 'in_review', 'published', 'withdrawn'])),
		check('items_visibility_check', inList('visibility', ['public', 'community', 'staff'])),
		check(
			'items_precision_check',
			inList('precision', ['exact', 'approximate', 'region', 'hidden'])
		)
	]
);

/** One row per item and language; `id` mirrors SQLite's FTS5 rowid column (schema parity). */
export const itemTexts = pgTable(
	'item_texts',
	{
		id: id(),
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		lang: text('lang').notNull(),
		title: text('title').notNull().default(''),
		summary: text('summary').notNull().default(''),
		body: text('body').notNull().default(''),
		fold: text('fold').notNull().default(''),
		/**
		 * PostGIS only. Stored so ranking reads it instead of re-parsing every candidate's text, and
		 * so ANALYZE keeps word frequencies: for a very common word the planner then scans a few rows
		 * instead of the whole GIN posting list. GIN-indexed in 0002_indexes.sql.
		 */
		foldTsv: tsvector('fold_tsv').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, fold)`)
	},
	(t) => [uniqueIndex('item_texts_item_lang_unique').on(t.itemId, t.lang)]
);

export const vocabularyTerms = pgTable(
	'vocabulary_terms',
	{
		id: id(),
		scheme: text('scheme').$type<VocabularyScheme>().notNull(),
		code: text('code').notNull(),
		label: jsonb('label').$type<LocalizedText>().notNull(),
		altLabels: jsonb('alt_labels').$type<string[]>().notNull(),
		note: jsonb('note').$type<LocalizedText>().notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [unique('vocabulary_terms_scheme_code_unique').on(t.scheme, t.code)]
);

export const itemTerms = pgTable(
	'item_terms',
	{
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		scheme: text('scheme').notNull(),
		code: text('code').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.scheme, t.code] }),
		foreignKey({
			name: 'item_terms_term_fk',
			columns: [t.scheme, t.code],
			foreignColumns: [vocabularyTerms.scheme, vocabularyTerms.code]
		}),
		index('item_terms_scheme_code_idx').on(t.scheme, t.code)
	]
);

export const communityGroups = pgTable('community_groups', {
	id: id(),
	slug: text('slug').notNull().unique(),
	name: jsonb('name').$type<LocalizedText>().notNull(),
	ethnicGroup: text('ethnic_group')
});

export const itemGroups = pgTable(
	'item_groups',
	{
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		groupSlug: text('group_slug')
			.notNull()
			.references(() => communityGroups.slug, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.itemId, t.groupSlug] }),
		index('item_groups_group_slug_idx').on(t.groupSlug)
	]
);

export const users = pgTable('users', {
	id: id(),
	email: text('email').notNull().unique(),
	displayName: text('display_name').notNull(),
	role: text('role').notNull(),
	passwordHash: text('password_hash'),
	createdAt: tstz('created_at').notNull()
});

export const groupMembers = pgTable(
	'group_members',
	{
		groupId: integer('group_id')
			.notNull()
			.references(() => communityGroups.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.groupId, t.userId] })]
);

export const media = pgTable(
	'media',
	{
		id: id(),
		itemId: integer('item_id').references(() => items.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		storageKey: text('storage_key').notNull().unique(),
		mimeType: text('mime_type').notNull(),
		// Videos pass 2 GiB; bigint in number mode stays exact up to 2^53 bytes.
		bytes: bigint('bytes', { mode: 'number' }).notNull(),
		sha256: text('sha256').notNull(),
		width: integer('width'),
		height: integer('height'),
		durationSeconds: doublePrecision('duration_seconds'),
		originalName: text('original_name'),
		alt: jsonb('alt').$type<LocalizedText>().notNull(),
		caption: jsonb('caption').$type<LocalizedText>().notNull(),
		rights: jsonb('rights').$type<Rights>().notNull(),
		position: integer('position').notNull().default(0),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [
		index('media_item_position_idx').on(t.itemId, t.position, t.id),
		// The cover image of a summary: the first image by position, then id.
		index('media_item_kind_position_idx').on(t.itemId, t.kind, t.position, t.id),
		index('media_sha256_idx').on(t.sha256)
	]
);

export const collections = pgTable('collections', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: jsonb('title').$type<LocalizedText>().notNull(),
	description: jsonb('description').$type<LocalizedText>().notNull(),
	status: text('status').notNull(),
	visibility: text('visibility').notNull(),
	createdAt: tstz('created_at').notNull(),
	updatedAt: tstz('updated_at').notNull()
});

export const collectionItems = pgTable(
	'collection_items',
	{
		collectionId: integer('collection_id')
			.notNull()
			.references(() => collections.id, { onDelete: 'cascade' }),
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		position: integer('position').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.collectionId, t.itemId] }),
		index('collection_items_item_idx').on(t.itemId)
	]
);

export const tours = pgTable('tours', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: jsonb('title').$type<LocalizedText>().notNull(),
	description: jsonb('description').$type<LocalizedText>().notNull(),
	status: text('status').notNull(),
	visibility: text('visibility').notNull(),
	createdAt: tstz('created_at').notNull(),
	updatedAt: tstz('updated_at').notNull()
});

export const tourStops = pgTable(
	'tour_stops',
	{
		id: id(),
		tourId: integer('tour_id')
			.notNull()
			.references(() => tours.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		itemId: integer('item_id').references(() => items.id, { onDelete: 'set null' }),
		lng: doublePrecision('lng'),
		lat: doublePrecision('lat'),
		narration: jsonb('narration').$type<LocalizedText>().notNull(),
		arMediaId: integer('ar_media_id').references(() => media.id, { onDelete: 'set null' }),
		bearing: doublePrecision('bearing')
	},
	(t) => [index('tour_stops_tour_position_idx').on(t.tourId, t.position)]
);

export const revisions = pgTable(
	'revisions',
	{
		id: id(),
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		snapshot: jsonb('snapshot').$type<Item>().notNull(),
		authorId: integer('author_id'),
		note: text('note'),
		createdAt: tstz('created_at').notNull()
	},
	(t) => [unique('revisions_item_version_unique').on(t.itemId, t.version)]
);

export const auditLog = pgTable(
	'audit_log',
	{
		id: id(),
		at: tstz('at').notNull(),
		// No foreign key: the trail must outlive the user and the entity it describes.
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		detail: jsonb('detail').$type<Record<string, unknown>>().notNull()
	},
	(t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.id)]
);

export const jobs = pgTable(
	'jobs',
	{
		id: id(),
		type: text('type').notNull(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
		status: text('status').notNull(),
		progress: doublePrecision('progress').notNull().default(0),
		attempts: integer('attempts').notNull().default(0),
		error: text('error'),
		runAfter: tstz('run_after'),
		createdAt: tstz('created_at').notNull(),
		updatedAt: tstz('updated_at').notNull()
	},
	(t) => [index('jobs_status_run_after_idx').on(t.status, t.runAfter)]
);
