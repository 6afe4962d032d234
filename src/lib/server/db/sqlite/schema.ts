/**
 * SQLite schema (docs/data-model.md). Table and column names match the PostGIS schema one for one
 * (tests/contract/schema-parity.spec.ts). JSON columns are text holding JSON; timestamps are
 * ISO-8601 UTC text. The FTS5 table `item_texts_fts` and the R*Tree `items_rtree`, with the
 * triggers that keep them current, live in the hand-written migration `*_search_spatial.sql`.
 *
 * Imports are relative (not `$lib`) because drizzle-kit loads this file outside Vite.
 */
import { sql } from 'drizzle-orm';
import {
	check,
	foreignKey,
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	unique,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';
import type { Geometry } from 'geojson';
import type {
	DublinCoreExtra,
	Item,
	LocalizedText,
	Rights,
	VocabularyScheme
} from '../../../domain/types';

// AUTOINCREMENT: an id is never reused after a delete, so audit entries and revisions that name
// a deleted row can never point at a newer one.
const id = () => integer('id').primaryKey({ autoIncrement: true });
const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const inList = (column: string, values: readonly string[]) =>
	sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

export const items = sqliteTable(
	'items',
	{
		id: id(),
		slug: text('slug').notNull().unique(),
		kind: text('kind').notNull(),
		status: text('status').notNull(),
		visibility: text('visibility').notNull(),
		lng: real('lng'),
		lat: real('lat'),
		publicLng: real('public_lng'),
		publicLat: real('public_lat'),
		geometry: json<Geometry>('geometry'),
		precision: text('precision').notNull(),
		province: text('province'),
		district: text('district'),
		commune: text('commune'),
		startYear: integer('start_year'),
		endYear: integer('end_year'),
		timeLabel: json<LocalizedText>('time_label').notNull(),
		rights: json<Rights>('rights').notNull(),
		dc: json<DublinCoreExtra>('dc').notNull(),
		/**
		 * What a summary needs from other tables (titles, summaries, ethnic groups), as JSON written
		 * with the item (db/summary-doc.ts), so a page of summaries reads one row per item.
		 * NULL for rows written before it existed or by other code: readers fall back to the joins.
		 */
		summaryDoc: text('summary_doc'),
		createdAt: text('created_at').notNull(),
		updatedAt: text('updated_at').notNull()
	},
	(t) => [
		index('items_status_visibility_idx').on(t.status, t.visibility),
		/**
		 * Everything the access rule and a point test read, in id order: walking items by id (a
		 * dense bbox, list pages) reads this narrow index instead of the wide rows, and R*Tree hits
		 * are checked here. Ids only grow, so keeping it up costs an append per item.
		 */
		index('items_id_scope_point_idx').on(
			t.id,
			t.status,
			t.visibility,
			t.publicLng,
			t.publicLat,
			t.lng,
			t.lat
		),
		index('items_province_idx').on(t.province),
		index('items_kind_idx').on(t.kind),
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

/**
 * One row per item and language. `id` is the FTS5 rowid: an INTEGER PRIMARY KEY keeps it stable
 * across VACUUM, which an external-content index relies on; (item_id, lang) stays unique.
 */
export const itemTexts = sqliteTable(
	'item_texts',
	{
		id: integer('id').primaryKey(),
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		lang: text('lang').notNull(),
		title: text('title').notNull().default(''),
		summary: text('summary').notNull().default(''),
		body: text('body').notNull().default(''),
		/** vnFold(title + summary + body), written by the repository; what FTS5 indexes. */
		fold: text('fold').notNull().default('')
	},
	(t) => [uniqueIndex('item_texts_item_lang_unique').on(t.itemId, t.lang)]
);

export const vocabularyTerms = sqliteTable(
	'vocabulary_terms',
	{
		id: id(),
		scheme: text('scheme').$type<VocabularyScheme>().notNull(),
		code: text('code').notNull(),
		label: json<LocalizedText>('label').notNull(),
		altLabels: json<string[]>('alt_labels').notNull(),
		note: json<LocalizedText>('note').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [unique('vocabulary_terms_scheme_code_unique').on(t.scheme, t.code)]
);

export const itemTerms = sqliteTable(
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

export const communityGroups = sqliteTable('community_groups', {
	id: id(),
	slug: text('slug').notNull().unique(),
	name: json<LocalizedText>('name').notNull(),
	ethnicGroup: text('ethnic_group')
});

export const itemGroups = sqliteTable(
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

export const users = sqliteTable('users', {
	id: id(),
	email: text('email').notNull().unique(),
	displayName: text('display_name').notNull(),
	role: text('role').notNull(),
	passwordHash: text('password_hash'),
	createdAt: text('created_at').notNull()
});

export const groupMembers = sqliteTable(
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

export const media = sqliteTable(
	'media',
	{
		id: id(),
		itemId: integer('item_id').references(() => items.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		storageKey: text('storage_key').notNull().unique(),
		mimeType: text('mime_type').notNull(),
		bytes: integer('bytes').notNull(),
		sha256: text('sha256').notNull(),
		width: integer('width'),
		height: integer('height'),
		durationSeconds: real('duration_seconds'),
		originalName: text('original_name'),
		alt: json<LocalizedText>('alt').notNull(),
		caption: json<LocalizedText>('caption').notNull(),
		rights: json<Rights>('rights').notNull(),
		position: integer('position').notNull().default(0),
		createdAt: text('created_at').notNull()
	},
	(t) => [
		index('media_item_position_idx').on(t.itemId, t.position, t.id),
		// The cover image of a summary: the first image by position, then id.
		index('media_item_kind_position_idx').on(t.itemId, t.kind, t.position, t.id),
		index('media_sha256_idx').on(t.sha256)
	]
);

export const collections = sqliteTable('collections', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: json<LocalizedText>('title').notNull(),
	description: json<LocalizedText>('description').notNull(),
	status: text('status').notNull(),
	visibility: text('visibility').notNull(),
	createdAt: text('created_at').notNull(),
	updatedAt: text('updated_at').notNull()
});

export const collectionItems = sqliteTable(
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

export const tours = sqliteTable('tours', {
	id: id(),
	slug: text('slug').notNull().unique(),
	title: json<LocalizedText>('title').notNull(),
	description: json<LocalizedText>('description').notNull(),
	status: text('status').notNull(),
	visibility: text('visibility').notNull(),
	createdAt: text('created_at').notNull(),
	updatedAt: text('updated_at').notNull()
});

export const tourStops = sqliteTable(
	'tour_stops',
	{
		id: id(),
		tourId: integer('tour_id')
			.notNull()
			.references(() => tours.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		itemId: integer('item_id').references(() => items.id, { onDelete: 'set null' }),
		lng: real('lng'),
		lat: real('lat'),
		narration: json<LocalizedText>('narration').notNull(),
		arMediaId: integer('ar_media_id').references(() => media.id, { onDelete: 'set null' }),
		bearing: real('bearing')
	},
	(t) => [index('tour_stops_tour_position_idx').on(t.tourId, t.position)]
);

export const revisions = sqliteTable(
	'revisions',
	{
		id: id(),
		itemId: integer('item_id')
			.notNull()
			.references(() => items.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		snapshot: json<Item>('snapshot').notNull(),
		authorId: integer('author_id'),
		note: text('note'),
		createdAt: text('created_at').notNull()
	},
	(t) => [unique('revisions_item_version_unique').on(t.itemId, t.version)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: id(),
		at: text('at').notNull(),
		// No foreign key: the trail must outlive the user and the entity it describes.
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		detail: json<Record<string, unknown>>('detail').notNull()
	},
	(t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.id)]
);

export const jobs = sqliteTable(
	'jobs',
	{
		id: id(),
		type: text('type').notNull(),
		payload: json<Record<string, unknown>>('payload').notNull(),
		status: text('status').notNull(),
		progress: real('progress').notNull().default(0),
		attempts: integer('attempts').notNull().default(0),
		error: text('error'),
		runAfter: text('run_after'),
		createdAt: text('created_at').notNull(),
		updatedAt: text('updated_at').notNull()
	},
	(t) => [index('jobs_status_run_after_idx').on(t.status, t.runAfter)]
);
