/**
 * Item vector tiles for the map: validates the tile, applies the viewer's access scope, and keeps
 * recent tiles in memory (LRU by bytes), dropped whenever items change. The ETag is a hash of the
 * tile bytes, so every app node gives the same tile the same tag and a 304 saves the transfer.
 *
 * Tiles without a filter, or with only a kind filter, come from an in-process pyramid of the
 * viewer's scope (tile-pyramid.ts; the public one is built at start-up, others on first use, at
 * most maxPyramids). A pyramid is built and rebuilt in the background: until it is ready the
 * repository's SQL answers, so no request waits for a build. Other filters always use SQL.
 */
import { createHash } from 'node:crypto';
import type { AccessScope, ItemFilter, Viewer } from '../../domain/types';
import { tileProblem, type TileCoord } from '../../geo/tiles';
import type { TileItemProps, TileRepository } from '../db/ports';
import { ValidationError } from '../errors';
import { etagMatches } from '../http-range';
import { ANONYMOUS, scopeFor } from './access.service';
import type { ItemChangeNotifier } from './item-changes';
import { encodeCells, TilePyramid } from './tile-pyramid';

export const DEFAULT_TILE_CACHE_BYTES = 64 * 1024 * 1024;
/** Writes from other processes (seed script, other nodes) are seen after at most this long. */
export const DEFAULT_TILE_CACHE_TTL_MS = 60_000;
/**
 * Pyramids kept at once: the public one and the two most recent signed-in scopes (all staff share
 * one; members one per set of groups). Each holds about 165 bytes an item with its tags (156 MB
 * for the 940k public points of the 1M benchmark).
 */
export const DEFAULT_MAX_PYRAMIDS = 3;
/** How often the pyramid asks the database whether another process changed items. */
export const DEFAULT_PYRAMID_RECHECK_MS = 60_000;
/** Single-item tags kept between pyramid tiles (a zoom's lone items recur at the next zooms). */
const PROPS_CACHE_ENTRIES = 200_000;

export interface TileServiceDeps {
	tiles: TileRepository;
	changes: ItemChangeNotifier;
	cacheBytes?: number;
	ttlMs?: number;
	now?: () => number;
	/**
	 * Serve tiles without a filter or with only a kind filter from in-process pyramids, one per
	 * scope (default true); each is built in the background and SQL answers until it is ready.
	 */
	pyramid?: boolean;
	pyramidRecheckMs?: number;
	/** How many scopes keep a pyramid (default DEFAULT_MAX_PYRAMIDS). */
	maxPyramids?: number;
	/** Start building the public pyramid now, in the background (the app does, at start-up). */
	buildAtStart?: boolean;
}

interface PyramidState {
	generation: number;
	stamp: string;
	checkedAt: number;
	ready: Promise<TilePyramid>;
	/** Set when the build finished: tiles are served from it from then on. */
	built: TilePyramid | null;
	/** A running stamp check (see readyPyramid). */
	checking?: Promise<void>;
}

/** 204 = empty tile (no body); 304 = the client's copy (If-None-Match) is current. */
export interface TileReply {
	status: 200 | 204 | 304;
	body: Buffer | null;
	etag: string;
}

interface Entry {
	bytes: Buffer;
	etag: string;
	at: number;
}

export class TileService {
	private readonly cache = new Map<string, Entry>();
	private readonly pending = new Map<string, Promise<Entry>>();
	private cachedBytes = 0;
	private generation: number;
	readonly stats = { hits: 0, misses: 0 };
	/** Times the pyramid was (re)built, for tests and health pages. */
	pyramidBuilds = 0;
	private readonly pyramids = new Map<string, PyramidState>();
	private readonly props = new Map<number, TileItemProps>();
	/** Moves on every clear, so reads started before it do not refill the caches. */
	private epoch = 0;

	constructor(private readonly deps: TileServiceDeps) {
		this.generation = deps.changes.generation;
		// A failed build is retried by the first tile that wants it; SQL answers meanwhile.
		if (deps.buildAtStart) this.prepare()?.catch(() => undefined);
	}

	async itemsTile(
		viewer: Viewer,
		tile: TileCoord,
		filter: ItemFilter = {},
		ifNoneMatch: string | null = null
	): Promise<TileReply> {
		const problem = tileProblem(tile);
		if (problem) throw new ValidationError(problem);
		if (
			filter.fromYear !== undefined &&
			filter.toYear !== undefined &&
			filter.fromYear > filter.toYear
		) {
			throw new ValidationError('from must not be later than to (years, e.g. from=1800&to=1900)');
		}
		const scope = scopeFor(viewer);
		const entry = await this.entry(cacheKey(scope, tile, filter), tile, scope, filter);
		if (etagMatches(ifNoneMatch, entry.etag)) return { status: 304, body: null, etag: entry.etag };
		return entry.bytes.length === 0
			? { status: 204, body: null, etag: entry.etag }
			: { status: 200, body: entry.bytes, etag: entry.etag };
	}

	/** Bytes held by the built pyramids (for the benchmark and health pages). */
	get pyramidBytes(): number {
		let n = 0;
		for (const state of this.pyramids.values()) n += state.built?.bytes ?? 0;
		return n;
	}

	/** Bytes currently held (for tests and health pages). */
	get size(): number {
		return this.cachedBytes;
	}

	private async entry(
		key: string,
		tile: TileCoord,
		scope: AccessScope,
		filter: ItemFilter
	): Promise<Entry> {
		const now = this.now();
		if (this.deps.changes.generation !== this.generation) this.clear();
		const hit = this.cache.get(key);
		if (hit && now - hit.at < (this.deps.ttlMs ?? DEFAULT_TILE_CACHE_TTL_MS)) {
			// Re-insert: a Map iterates in insertion order, so the first key is the least recent.
			this.cache.delete(key);
			this.cache.set(key, hit);
			this.stats.hits += 1;
			return hit;
		}
		const running = this.pending.get(key);
		if (running) return running;
		this.stats.misses += 1;
		const generation = this.generation;
		const epoch = this.epoch;
		const work = this.read(tile, scope, filter)
			.then((bytes) => {
				const entry = { bytes, etag: etagOf(bytes), at: now };
				// A tile read while items changed (or the pyramid was dropped) may be stale: serve it
				// once, do not keep it.
				if (generation === this.deps.changes.generation && epoch === this.epoch) {
					this.put(key, entry);
				}
				return entry;
			})
			.finally(() => this.pending.delete(key));
		this.pending.set(key, work);
		return work;
	}

	/**
	 * The scope's pyramid for tiles without a filter or with a kind filter, once it is built; SQL
	 * for everything else. Tags come with the pyramid; a pyramid without them (an engine that
	 * does not give them) asks tileProps for the tile's single items, cached by id.
	 */
	private async read(tile: TileCoord, scope: AccessScope, filter: ItemFilter): Promise<Buffer> {
		const ready = this.usesPyramid(filter) ? this.readyPyramid(scope) : null;
		const pyramid = ready?.answers(filter) ? ready : null;
		// While the pyramid (re)builds in the background, SQL answers: no request waits for it.
		if (!pyramid) return this.deps.tiles.itemsTile(tile, scope, { filter });
		const cells = pyramid.filteredCells(tile, filter);
		if (pyramid.hasTags) return pyramid.encode(cells);
		const epoch = this.epoch;
		const generation = this.deps.changes.generation;
		const props = new Map<number, TileItemProps>();
		const missing: number[] = [];
		for (const c of cells) {
			if (c.n !== 1) continue;
			const known = this.props.get(c.oneId);
			if (known) props.set(c.oneId, known);
			else missing.push(c.oneId);
		}
		const fetched = missing.length === 0 ? [] : await this.deps.tiles.tileProps(missing);
		for (const p of fetched) props.set(p.id, p);
		// Tags read while items changed may be stale: use them for this tile only.
		if (epoch === this.epoch && generation === this.deps.changes.generation) {
			if (this.props.size + fetched.length > PROPS_CACHE_ENTRIES) this.props.clear();
			for (const p of fetched) this.props.set(p.id, p);
		}
		return encodeCells(cells, props);
	}

	private usesPyramid(filter: ItemFilter): boolean {
		if (this.deps.pyramid === false) return false;
		// A kind filter too, when the pyramid has tags (see TilePyramid.answers); else SQL.
		return Object.entries(filter).every(
			([k, v]) => v === undefined || (Array.isArray(v) && (v.length === 0 || k === 'kinds'))
		);
	}

	/**
	 * Starts building the scope's pyramid in the background (at start-up, so the first map
	 * visitor does not wait for it) and resolves when it answers; null when pyramids are off.
	 */
	prepare(viewer: Viewer = ANONYMOUS): Promise<void> | null {
		if (this.deps.pyramid === false) return null;
		const scope = scopeFor(viewer);
		this.readyPyramid(scope);
		const state = this.pyramids.get(scopeKey(scope));
		return state ? state.ready.then(() => undefined) : Promise.resolve();
	}

	/** Resolves when no pyramid build or stamp check is running (for tests and the benchmark). */
	async settled(): Promise<void> {
		for (;;) {
			const busy = [...this.pyramids.values()]
				.map((state) => (state.built ? state.checking : state.ready))
				.filter((p) => p !== undefined);
			if (busy.length === 0) return;
			await Promise.allSettled(busy);
		}
	}

	/** Drops cached tiles and item tags, keeping the pyramids (the benchmark's uncached tiles). */
	clearCaches(): void {
		this.cache.clear();
		this.props.clear();
		this.epoch += 1;
		this.cachedBytes = 0;
	}

	/**
	 * The scope's current pyramid, or null while it (re)builds. One per scope (the public one,
	 * and signed-in viewers' scopes, at most maxPyramids, least recently used dropped first).
	 * Rebuilt in the background when this process changed items (generation), and when another
	 * process did: at most every pyramidRecheckMs a cheap stamp (count + latest updated_at) is
	 * compared, in the background, with the one read before the build; until it answers the
	 * current pyramid is served (others' writes are seen within the recheck time, like the TTL).
	 */
	private readyPyramid(scope: AccessScope): TilePyramid | null {
		const key = scopeKey(scope);
		const state = this.pyramids.get(key);
		if (state) {
			// Most recently used last (a Map iterates in insertion order).
			this.pyramids.delete(key);
			this.pyramids.set(key, state);
		}
		// One build at a time per scope: items changing during a build start the next one when it
		// ends (at the next tile), so a burst of writes never runs builds side by side.
		if (!state || (state.built && state.generation !== this.deps.changes.generation)) {
			this.startBuild(key, scope);
			return null;
		}
		if (!state.built || state.generation !== this.deps.changes.generation) return null;
		const every = this.deps.pyramidRecheckMs ?? DEFAULT_PYRAMID_RECHECK_MS;
		if (!state.checking && this.now() - state.checkedAt >= every) {
			state.checkedAt = this.now();
			state.checking = this.deps.tiles
				.itemsStamp(scope)
				.then(
					(stamp) => {
						if (stamp !== state.stamp && this.pyramids.get(key) === state) {
							this.startBuild(key, scope);
							this.clear();
						}
					},
					() => undefined
				)
				.finally(() => {
					state.checking = undefined;
				});
		}
		return state.built;
	}

	private startBuild(key: string, scope: AccessScope): void {
		const state: PyramidState = {
			generation: this.deps.changes.generation,
			stamp: '',
			checkedAt: this.now(),
			built: null,
			ready: Promise.resolve().then(async () => {
				// Stamp first: a write landing during the read makes the next check rebuild, not miss.
				state.stamp = await this.deps.tiles.itemsStamp(scope);
				const points = await this.deps.tiles.pointsForPyramid(scope);
				const pyramid = await TilePyramid.buildAsync(points);
				this.pyramidBuilds += 1;
				state.checkedAt = this.now();
				state.built = pyramid;
				return pyramid;
			})
		};
		state.ready.catch(() => {
			// A failed build (database down) is retried by the next pyramid tile.
			if (this.pyramids.get(key) === state) this.pyramids.delete(key);
		});
		this.pyramids.delete(key);
		this.pyramids.set(key, state);
		const max = Math.max(1, this.deps.maxPyramids ?? DEFAULT_MAX_PYRAMIDS);
		for (const old of this.pyramids.keys()) {
			if (this.pyramids.size <= max) break;
			if (old !== key) this.pyramids.delete(old);
		}
	}

	private put(key: string, entry: Entry): void {
		const limit = this.deps.cacheBytes ?? DEFAULT_TILE_CACHE_BYTES;
		const cost = entry.bytes.length + key.length + 64;
		if (cost > limit) return;
		const old = this.cache.get(key);
		if (old) this.forget(key, old);
		this.cache.set(key, entry);
		this.cachedBytes += cost;
		for (const [k, e] of this.cache) {
			if (this.cachedBytes <= limit) break;
			this.forget(k, e);
		}
	}

	private forget(key: string, entry: Entry): void {
		this.cache.delete(key);
		this.cachedBytes -= entry.bytes.length + key.length + 64;
	}

	private clear(): void {
		this.cache.clear();
		this.props.clear();
		this.epoch += 1;
		this.cachedBytes = 0;
		this.generation = this.deps.changes.generation;
	}

	private now(): number {
		return (this.deps.now ?? Date.now)();
	}
}

/** Scopes that read the same items share a pyramid. */
function scopeKey(scope: AccessScope): string {
	return cacheKey(scope, { z: 0, x: 0, y: 0 }, {});
}

function etagOf(bytes: Buffer): string {
	return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** Equal scopes and equal filters (in any order) share cache entries. */
export function cacheKey(scope: AccessScope, { z, x, y }: TileCoord, filter: ItemFilter): string {
	const sorted = (xs: readonly string[] | undefined) => (xs ? [...xs].sort() : null);
	return JSON.stringify([
		sorted(scope.statuses),
		sorted(scope.visibilities),
		scope.groups === 'all' ? 'all' : sorted(scope.groups),
		scope.exactLocation,
		z,
		x,
		y,
		sorted(filter.kinds),
		sorted(filter.ethnicGroups),
		filter.province ?? null,
		filter.fromYear ?? null,
		filter.toYear ?? null,
		filter.textLang ?? null,
		filter.collection ?? null
	]);
}
