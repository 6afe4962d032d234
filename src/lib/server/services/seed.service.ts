/**
 * Loads the demo data set (vocabularies, ~90 real heritage records, one generated illustration
 * each) through the ports only, so it works the same on SQLite + disk and PostGIS + S3.
 *
 * Order matters for "nothing half-written": files are put first (a failed put deletes the ones
 * already put and writes no rows); rows are written in one transaction (a failed transaction
 * deletes the files put for it); only after the commit are the replaced records' files deleted.
 */
import type { NewMediaRecord, Rights } from '../../domain/types';
import type { Database, Repositories } from '../db/ports';
import { ConflictError } from '../errors';
import { derivativePrefix, newMediaKey } from '../media/media-key';
import type { MediaStore } from '../media/media-store';
import { loadDemoData, type DemoData, type DemoRecord } from '../seed/demo-data';
import { renderDemoImage, type DemoImage } from '../seed/demo-image';
import { scopeFor } from './access.service';
import type { ItemChangeNotifier } from './item-changes';

export interface SeedDeps {
	db: Database;
	media: MediaStore;
	/** Told after items are replaced, so tile caches drop what they hold (added for the map). */
	changes?: ItemChangeNotifier;
}

export interface SeedOptions {
	/** Empty every table (and the media store's originals/derivatives) before loading. */
	reset?: boolean;
	/** Called after each record's image is stored, then once more when the rows are committed. */
	onProgress?: (done: number, total: number) => void;
}

const STAFF = scopeFor({ kind: 'staff', userId: 0 });

/** Rendering is CPU-bound (librsvg + mozjpeg); two at a time keeps a shared 2-core box usable. */
const RENDER_CONCURRENCY = 2;

const IMAGE_RIGHTS: Rights = {
	license: 'https://creativecommons.org/licenses/by/4.0/',
	holder: 'Thư viện tỉnh Quảng Ngãi',
	credit: 'Minh họa tạo tự động – Disan',
	sourceInstitution: 'Thư viện tỉnh Quảng Ngãi'
};

interface PutImage {
	record: DemoRecord;
	image: Omit<DemoImage, 'buffer'>;
	key: string;
	bytes: number;
	sha256: string;
}

export async function seedDemo(
	deps: SeedDeps,
	opts: SeedOptions = {}
): Promise<{ items: number; media: number }> {
	return seedData(deps, loadDemoData(), opts);
}

/** seedDemo for any data set in the demo shape (tests load a few records, not ninety). */
export async function seedData(
	deps: SeedDeps,
	{
		vocabularies,
		records,
		collections = []
	}: Pick<DemoData, 'vocabularies' | 'records'> & Partial<Pick<DemoData, 'collections'>>,
	opts: SeedOptions = {}
): Promise<{ items: number; media: number }> {
	if (opts.reset) await resetAll(deps);
	const total = records.length;
	const put = await putImages(deps.media, records, (done) => opts.onProgress?.(done, total + 1));
	let replacedKeys: string[];
	try {
		replacedKeys = await deps.db.transaction(async (tx) => {
			await tx.vocabularies.upsert(vocabularies);
			const replaced = await removeExisting(tx, records);
			const ids = await tx.items.createMany(records.map((r) => r.item));
			for (const [i, p] of put.entries()) await tx.media.create(mediaRow(ids[i], p));
			await replaceCollections(tx, collections, records, ids);
			return replaced;
		});
	} catch (err) {
		await deleteKeys(
			deps.media,
			put.map((p) => p.key)
		);
		throw err;
	}
	deps.changes?.changed();
	// The old rows are gone for good; their files (and any derivatives) are now orphans.
	await deleteKeys(deps.media, replacedKeys, true);
	opts.onProgress?.(total + 1, total + 1);
	return { items: records.length, media: put.length };
}

/**
 * Seeds only an empty database (no records at all, whatever their status). Another node seeding
 * at the same moment makes our insert conflict on a slug; that counts as "already seeded".
 */
export async function seedDemoIfEmpty(
	deps: SeedDeps,
	opts: Omit<SeedOptions, 'reset'> = {}
): Promise<{ seeded: boolean; items: number }> {
	if ((await deps.db.items.count(STAFF)) > 0) return { seeded: false, items: 0 };
	try {
		const { items } = await seedDemo(deps, opts);
		return { seeded: true, items };
	} catch (err) {
		if (err instanceof ConflictError && (await deps.db.items.count(STAFF)) > 0) {
			return { seeded: false, items: 0 };
		}
		throw err;
	}
}

async function resetAll({ db, media, changes }: SeedDeps): Promise<void> {
	await db.truncateAll();
	changes?.changed();
	// Every row is gone, so every stored file is an orphan; sweep only the prefixes we write.
	const keys: string[] = [];
	for (const prefix of ['originals/', 'derivatives/']) {
		for await (const key of media.list(prefix)) keys.push(key);
	}
	await deleteKeys(media, keys);
}

async function putImages(
	media: MediaStore,
	records: DemoRecord[],
	progress: (done: number) => void
): Promise<PutImage[]> {
	const out: PutImage[] = new Array(records.length);
	const written: string[] = [];
	let next = 0;
	let done = 0;
	// An object, not a `let`: TypeScript does not see assignments made inside the workers.
	const state: { failure?: { error: unknown } } = {};
	const worker = async () => {
		while (!state.failure && next < records.length) {
			const i = next++;
			const record = records[i];
			try {
				const { buffer, ...image } = await renderDemoImage({
					slug: record.item.slug,
					kind: record.item.kind,
					title: record.item.title,
					subjects: record.item.subjects,
					province: record.item.place.province,
					scene: record.scene
				});
				const key = newMediaKey('image', 'jpg');
				written.push(key);
				const stored = await media.put(key, buffer, image.mimeType);
				out[i] = { record, image, key, bytes: stored.bytes, sha256: stored.sha256 };
				progress(++done);
			} catch (error) {
				state.failure ??= { error };
			}
		}
	};
	// Wait for every worker, so no put is still in flight when we clean up after a failure.
	await Promise.all(Array.from({ length: RENDER_CONCURRENCY }, worker));
	if (state.failure) {
		await deleteKeys(media, written);
		throw state.failure.error;
	}
	return out;
}

/** Deletes the demo records that already exist (by slug); returns their media keys. */
async function removeExisting(tx: Repositories, records: DemoRecord[]): Promise<string[]> {
	const keys: string[] = [];
	for (const { item } of records) {
		const existing = await tx.items.getBySlug(item.slug, STAFF);
		if (!existing) continue;
		for (const m of await tx.media.listForItem(existing.id)) keys.push(m.storageKey);
		await tx.items.delete(existing.id);
	}
	return keys;
}

/** Recreates the demo collections by slug, members in the file's order (added for the map). */
async function replaceCollections(
	tx: Repositories,
	collections: DemoData['collections'],
	records: DemoRecord[],
	ids: number[]
): Promise<void> {
	const idOf = new Map(records.map((r, i) => [r.item.slug, ids[i]]));
	for (const c of collections) {
		await tx.collections.deleteBySlug(c.slug);
		await tx.collections.create({
			slug: c.slug,
			title: c.title,
			description: c.description,
			status: 'published',
			visibility: 'public',
			itemIds: c.items.flatMap((slug) => (idOf.has(slug) ? [idOf.get(slug)!] : []))
		});
	}
}

function mediaRow(itemId: number, p: PutImage): NewMediaRecord {
	return {
		itemId,
		kind: 'image',
		storageKey: p.key,
		mimeType: p.image.mimeType,
		bytes: p.bytes,
		sha256: p.sha256,
		width: p.image.width,
		height: p.image.height,
		durationSeconds: null,
		originalName: `${p.record.item.slug}.jpg`,
		alt: p.image.alt,
		caption: p.image.caption,
		rights: IMAGE_RIGHTS,
		position: 0
	};
}

/** Best effort: a file we fail to delete is an orphan for the sweep, not a reason to fail. */
async function deleteKeys(media: MediaStore, keys: string[], withDerivatives = false) {
	for (const key of keys) {
		await media.delete(key).catch(() => undefined);
		if (!withDerivatives) continue;
		try {
			for await (const d of media.list(derivativePrefix(key))) await media.delete(d);
		} catch {
			// Listing may fail on a flaky store; the orphan sweep will find these later.
		}
	}
}
