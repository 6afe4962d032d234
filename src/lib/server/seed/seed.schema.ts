/**
 * Shapes of the seed files in db/seed/. JSON has no types, so every file is checked here before
 * anything reaches the database: a typo in a hand-edited record fails loudly with its slug.
 */
import { z } from 'zod';
import {
	ITEM_KINDS,
	PRECISIONS,
	STATUSES,
	VISIBILITIES,
	type VocabularyScheme
} from '../../domain/types';

/** Mainland Viet Nam and its near-shore islands (Lý Sơn, Phú Quốc, Côn Đảo), with a margin. */
export const VIETNAM_BBOX = { west: 102.1, south: 8.3, east: 109.6, north: 23.4 } as const;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const localizedTextSchema = z.record(z.string().regex(LANG), z.string().trim().min(1));

/** Title, summary and body must exist in both Vietnamese and English. */
const bilingualSchema = localizedTextSchema.refine((t) => Boolean(t.vi && t.en), {
	message: 'needs both a Vietnamese (vi) and an English (en) text'
});

const lngLatSchema = z
	.tuple([z.number(), z.number()])
	.refine(
		([lng, lat]) =>
			lng >= VIETNAM_BBOX.west &&
			lng <= VIETNAM_BBOX.east &&
			lat >= VIETNAM_BBOX.south &&
			lat <= VIETNAM_BBOX.north,
		{ message: 'point must be [lng, lat] inside Viet Nam (lng 102.1–109.6, lat 8.3–23.4)' }
	);

const lineSchema = z.array(lngLatSchema).min(2);
const geometrySchema = z.discriminatedUnion('type', [
	z.object({ type: z.literal('LineString'), coordinates: lineSchema }),
	z.object({ type: z.literal('Polygon'), coordinates: z.array(lineSchema.min(4)).min(1) }),
	z.object({
		type: z.literal('MultiPolygon'),
		coordinates: z.array(z.array(lineSchema.min(4)).min(1)).min(1)
	})
]);

const year = z.number().int().min(-10_000).max(2100).nullable();

export const seedItemSchema = z
	.object({
		slug: z.string().regex(SLUG, 'slug must be lowercase ASCII words joined by hyphens'),
		kind: z.enum(ITEM_KINDS),
		status: z.enum(STATUSES),
		visibility: z.enum(VISIBILITIES),
		communityGroups: z.array(z.string().regex(SLUG)),
		title: bilingualSchema,
		summary: bilingualSchema,
		body: bilingualSchema,
		location: z.object({
			point: lngLatSchema.nullable(),
			geometry: geometrySchema.nullable(),
			precision: z.enum(PRECISIONS)
		}),
		place: z.object({
			province: z.string().min(1).nullable(),
			district: z.string().min(1).nullable(),
			commune: z.string().min(1).nullable()
		}),
		time: z.object({ startYear: year, endYear: year, label: localizedTextSchema }),
		ethnicGroups: z.array(z.string().regex(SLUG)),
		subjects: z.array(z.string().regex(SLUG)),
		rights: z.object({
			license: z
				.string()
				.regex(
					/^https?:\/\/(creativecommons\.org\/(licenses|publicdomain)\/|rightsstatements\.org\/vocab\/)/,
					'license must be a Creative Commons or RightsStatements.org URI'
				),
			holder: z.string().min(1).nullable(),
			credit: z.string().min(1).nullable(),
			sourceInstitution: z.string().min(1).nullable()
		}),
		dc: z.object({
			creator: z.array(z.string().min(1)),
			contributor: z.array(z.string().min(1)),
			source: z.string().min(1).nullable(),
			relation: z.array(z.string().min(1)),
			language: z.array(z.string().regex(LANG))
		}),
		image: z.object({ scene: z.string().min(1) })
	})
	.strict()
	.refine(
		(i) =>
			i.time.startYear === null || i.time.endYear === null || i.time.startYear <= i.time.endYear,
		{ message: 'time.startYear must not be after time.endYear' }
	)
	.refine((i) => i.visibility !== 'community' || i.communityGroups.length > 0, {
		message: 'a community item must name at least one community group'
	});

export type SeedItem = z.infer<typeof seedItemSchema>;

const termSchema = z
	.object({
		code: z.string().regex(SLUG),
		label: bilingualSchema,
		altLabels: z.array(z.string().min(1)),
		note: localizedTextSchema
	})
	.strict();

/** One list per scheme; a term's position is its place in the list (official order for ethnic groups). */
export const vocabulariesFileSchema = z
	.object({
		$comment: z.string().optional(),
		ethnic_group: z.array(termSchema).min(1),
		item_kind: z.array(termSchema).min(1),
		subject: z.array(termSchema).min(1)
	})
	.strict() satisfies z.ZodType<Record<VocabularyScheme, unknown>>;

export const communityGroupSchema = z
	.object({
		slug: z.string().regex(SLUG),
		name: bilingualSchema,
		ethnicGroup: z.string().regex(SLUG).nullable()
	})
	.strict();

export type CommunityGroupSeed = z.infer<typeof communityGroupSchema>;

/** One demo collection (db/seed/collections.json): member records by slug, in display order. */
export const collectionSeedSchema = z
	.object({
		slug: z.string().regex(SLUG, 'slug must be lowercase ASCII words joined by hyphens'),
		title: bilingualSchema,
		description: bilingualSchema,
		items: z.array(z.string().regex(SLUG)).min(1)
	})
	.strict();

export type CollectionSeed = z.infer<typeof collectionSeedSchema>;
