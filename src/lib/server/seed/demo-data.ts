/**
 * The demo data set, read from db/seed/*.json and checked before use. The JSON is bundled by
 * Vite/tsx (no file paths at run time), and every cross-reference is checked here: a record naming
 * an unknown ethnic group, subject or community group is a mistake in the data, not a runtime case.
 */
import type { NewItem, VocabularyScheme, VocabularyTerm } from '../../domain/types';
import { ValidationError } from '../errors';
import collectionsFile from '../../../../db/seed/collections.json';
import groupsFile from '../../../../db/seed/community-groups.json';
import itemsFile from '../../../../db/seed/items.json';
import vocabulariesFile from '../../../../db/seed/vocabularies.json';
import {
	collectionSeedSchema,
	communityGroupSchema,
	seedItemSchema,
	vocabulariesFileSchema,
	type CollectionSeed,
	type CommunityGroupSeed
} from './seed.schema';

export interface DemoRecord {
	item: NewItem;
	/** Motif for the generated illustration (see demo-scenes.ts). */
	scene: string;
}

export interface DemoData {
	vocabularies: VocabularyTerm[];
	communityGroups: CommunityGroupSeed[];
	records: DemoRecord[];
	/** Curated sets of the records (added for the map's collection filter). */
	collections: CollectionSeed[];
}

function issues(what: string, error: { issues: Array<{ path: PropertyKey[]; message: string }> }) {
	const list = error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
	return new ValidationError(`${what} is invalid: ${list.slice(0, 5).join('; ')}`);
}

export function parseVocabularies(input: unknown): VocabularyTerm[] {
	const parsed = vocabulariesFileSchema.safeParse(input);
	if (!parsed.success) throw issues('db/seed/vocabularies.json', parsed.error);
	const schemes: VocabularyScheme[] = ['ethnic_group', 'item_kind', 'subject'];
	return schemes.flatMap((scheme) =>
		parsed.data[scheme].map((t, i) => ({ scheme, ...t, position: i + 1 }))
	);
}

export function parseCommunityGroups(input: unknown): CommunityGroupSeed[] {
	const groups = (input as { groups?: unknown } | null)?.groups;
	if (!Array.isArray(groups)) {
		throw new ValidationError('db/seed/community-groups.json must have a "groups" list.');
	}
	return groups.map((g, i) => {
		const parsed = communityGroupSchema.safeParse(g);
		if (!parsed.success) throw issues(`Community group #${i + 1}`, parsed.error);
		return parsed.data;
	});
}

/** Checks every record and every reference; throws on the first bad record, naming it. */
export function parseDemoRecords(
	input: unknown,
	vocabularies: VocabularyTerm[],
	groups: CommunityGroupSeed[]
): DemoRecord[] {
	const list = (input as { items?: unknown } | null)?.items;
	if (!Array.isArray(list))
		throw new ValidationError('db/seed/items.json must have an "items" list.');
	const codes = (scheme: VocabularyScheme) =>
		new Set(vocabularies.filter((t) => t.scheme === scheme).map((t) => t.code));
	const known = { ethnic_group: codes('ethnic_group'), subject: codes('subject') };
	const groupSlugs = new Set(groups.map((g) => g.slug));
	const seen = new Set<string>();
	return list.map((raw, i) => {
		const parsed = seedItemSchema.safeParse(raw);
		const label = `Demo record #${i + 1} (${(raw as { slug?: string })?.slug ?? 'no slug'})`;
		if (!parsed.success) throw issues(label, parsed.error);
		const { image, ...item } = parsed.data;
		if (seen.has(item.slug)) throw new ValidationError(`${label}: the slug is used twice.`);
		seen.add(item.slug);
		const unknown = [
			...item.ethnicGroups
				.filter((c) => !known.ethnic_group.has(c))
				.map((c) => `ethnic group "${c}"`),
			...item.subjects.filter((c) => !known.subject.has(c)).map((c) => `subject "${c}"`),
			...item.communityGroups.filter((c) => !groupSlugs.has(c)).map((c) => `community group "${c}"`)
		];
		if (unknown.length > 0) {
			throw new ValidationError(`${label} names unknown ${unknown.join(', ')}.`);
		}
		return { item, scene: image.scene };
	});
}

/** Checks every collection: known record slugs, each listed once, no slug used twice. */
export function parseCollections(input: unknown, records: DemoRecord[]): CollectionSeed[] {
	const list = (input as { collections?: unknown } | null)?.collections;
	if (!Array.isArray(list)) {
		throw new ValidationError('db/seed/collections.json must have a "collections" list.');
	}
	const slugs = new Set(records.map((r) => r.item.slug));
	const seen = new Set<string>();
	return list.map((raw, i) => {
		const label = `Demo collection #${i + 1} (${(raw as { slug?: string })?.slug ?? 'no slug'})`;
		const parsed = collectionSeedSchema.safeParse(raw);
		if (!parsed.success) throw issues(label, parsed.error);
		const c = parsed.data;
		if (seen.has(c.slug)) throw new ValidationError(`${label}: the slug is used twice.`);
		seen.add(c.slug);
		const unknown = c.items.filter((s) => !slugs.has(s));
		if (unknown.length > 0) {
			throw new ValidationError(`${label} names unknown records: ${unknown.join(', ')}.`);
		}
		if (new Set(c.items).size !== c.items.length) {
			throw new ValidationError(`${label} lists a record twice.`);
		}
		return c;
	});
}

let cached: DemoData | undefined;

/** The bundled demo data set, parsed once per process. */
export function loadDemoData(): DemoData {
	if (!cached) {
		const vocabularies = parseVocabularies(vocabulariesFile);
		const communityGroups = parseCommunityGroups(groupsFile);
		const records = parseDemoRecords(itemsFile, vocabularies, communityGroups);
		const collections = parseCollections(collectionsFile, records);
		cached = { vocabularies, communityGroups, records, collections };
	}
	return cached;
}
