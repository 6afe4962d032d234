/**
 * The composition root: the one place that turns Config into real implementations and wires the
 * services. Routes get the result through `event.locals.services`; scripts call createServices.
 */
import { BasemapService } from './basemap/basemap.service';
import { getConfig, type Config } from './config';
import { createDatabase } from './db/create-database';
import type { Database } from './db/ports';
import { createMediaStore } from './media/create-media-store';
import type { MediaStore } from './media/media-store';
import { ANONYMOUS, scopeFor } from './services/access.service';
import { ItemChangeNotifier } from './services/item-changes';
import { ItemService } from './services/item.service';
import { MapService } from './services/map.service';
import { MediaService } from './services/media.service';
import { seedDemoIfEmpty } from './services/seed.service';
import { TileService } from './services/tile.service';

export interface Health {
	ok: boolean;
	dialect: Database['dialect'];
	media: MediaStore['driver'];
}

export interface Services {
	readonly config: Config;
	readonly items: ItemService;
	/** Added for the map: facets, suggestions, nearest items, collections. */
	readonly map: MapService;
	readonly media: MediaService;
	readonly tiles: TileService;
	/** The basemap style and the PMTiles archive (BASEMAP_PMTILES), if one is configured. */
	readonly basemap: BasemapService;
	/** Call after any write to items or their media (drops cached tiles). */
	readonly itemChanges: ItemChangeNotifier;
	/** Cheap liveness check that really touches the database. */
	health(): Promise<Health>;
	close(): Promise<void>;
}

export interface CreateServicesOptions {
	log?: (message: string) => void;
}

export async function createServices(
	config: Config,
	{ log = (message) => console.log(message) }: CreateServicesOptions = {}
): Promise<Services> {
	const db = await createDatabase(config.db);
	try {
		const store = await createMediaStore(config.media);
		const itemChanges = new ItemChangeNotifier();
		if (config.seedDemo) {
			const started = Date.now();
			const result = await seedDemoIfEmpty(
				{ db, media: store, changes: itemChanges },
				{ onProgress: (done, total) => reportEvery(10, done, total, log) }
			);
			if (result.seeded) {
				log(`[seed] loaded ${result.items} demo records in ${Date.now() - started} ms`);
			}
		}
		return {
			config,
			items: new ItemService({ items: db.items, media: db.media, vocabularies: db.vocabularies }),
			map: warmFacets(
				new MapService({
					items: db.items,
					vocabularies: db.vocabularies,
					collections: db.collections,
					changes: itemChanges,
					stamp: (scope) => db.tiles.itemsStamp(scope)
				})
			),
			media: new MediaService({ items: db.items, media: db.media, store }),
			tiles: new TileService({ tiles: db.tiles, changes: itemChanges, buildAtStart: true }),
			basemap: new BasemapService({ store, archiveKey: config.basemapPmtiles, log }),
			itemChanges,
			async health() {
				await db.items.count(scopeFor(ANONYMOUS));
				return { ok: true, dialect: db.dialect, media: store.driver };
			},
			async close() {
				store.close?.();
				await db.close();
			}
		};
	} catch (err) {
		await db.close().catch(() => undefined);
		throw err;
	}
}

/** Added for the map: builds the visitors' facet index in the background at start. */
function warmFacets(map: MapService): MapService {
	void map.facetIndexReady().catch(() => undefined);
	return map;
}

/** One line per `step` records (and the last), so a first start shows it is alive, not stuck. */
function reportEvery(step: number, done: number, total: number, log: (m: string) => void) {
	if (done % step === 0 || done === total) log(`[seed] demo data ${done}/${total}`);
}

let shared: Promise<Services> | undefined;

/** The process-wide services, created on first use; a failed start is retried on the next call. */
export function getServices(): Promise<Services> {
	shared ??= createServices(getConfig()).catch((err: unknown) => {
		shared = undefined;
		throw err;
	});
	return shared;
}

/** For graceful shutdown: closes the shared services if they were ever created. */
export async function closeServices(): Promise<void> {
	const current = shared;
	shared = undefined;
	if (current) await (await current).close();
}
