/**
 * Item vector tiles for the map: validates the tile, applies the viewer's access scope, and keeps
 * recent tiles in memory (LRU by bytes), dropped whenever items change. The ETag is a hash of the
 * tile bytes, so every app node gives the same tile the same tag and a 304 saves the transfer.
 */
import { createHash } from 'node:crypto';
import type { AccessScope, ItemFilter, Viewer } from '../../domain/types';
import { tileProblem, type TileCoord } from '../../geo/tiles';
import type { TileItemProps, TileRepository } from '../db/ports';
import { ValidationError } from '../errors';
import { etagMatches } from '../http-range';
import { ANONYMOUS, scopeFor } from './access.service';
import type { ItemChangeNotifier } from './item-changes';
import { encodeCells, PYRAMID_MAX_ZOOM, TilePyramid } from './tile-pyramid';

export const DEFAULT_TILE_CACHE_BYTES = 64 * 1024 * 1024;
/** Writes from other processes (seed script, other nodes) are seen after at most this long. */
export const DEFAULT_TILE_CACHE_TTL_MS = 60_000;
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
	/** Serve anonymous unfiltered tiles at z ≤ 13 from the in-process pyramid (default true). */
	pyramid?: boolean;
	pyramidRecheckMs?: number;
}

interface PyramidState {
	generation: number;
	stamp: string;
	checkedAt: number;
	ready: Promise<TilePyramid>;
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
	private pyramidState: PyramidState | null = null;
	private readonly props = new Map<number, TileItemProps>();
	/** Moves on every clear, so reads started before it do not refill the caches. */
	private epoch = 0;

	constructor(private readonly deps: TileServiceDeps) {
		this.generation = deps.changes.generation;
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
		const work = this.read(tile, scope, filter)
			.then((bytes) => {
				const entry = { bytes, etag: etagOf(bytes), at: now };
				// A tile read while items changed may be stale: serve it once, do not keep it.
				if (generation === this.deps.changes.generation) this.put(key, entry);
				return entry;
			})
			.finally(() => this.pending.delete(key));
		this.pending.set(key, work);
		return work;
	}

	/** The pyramid for the hot path (anonymous, no filter, low zoom); SQL for everything else. */
	private async read(tile: TileCoord, scope: AccessScope, filter: ItemFilter): Promise<Buffer> {
		if (!this.usesPyramid(tile, scope, filter)) {
			return this.deps.tiles.itemsTile(tile, scope, { filter });
		}
		const pyramid = await this.pyramid();
		const cells = pyramid.cells(tile);
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

	private usesPyramid(tile: TileCoord, scope: AccessScope, filter: ItemFilter): boolean {
		if (this.deps.pyramid === false || tile.z > PYRAMID_MAX_ZOOM) return false;
		if (cacheKey(scope, tile, {}) !== cacheKey(ANONYMOUS_SCOPE, tile, {})) return false;
		return Object.values(filter).every(
			(v) => v === undefined || (Array.isArray(v) && v.length === 0)
		);
	}

	/**
	 * Built on first use; concurrent requests share one build. Rebuilt when this process changed
	 * items (generation), and when another process did: at most every pyramidRecheckMs a cheap
	 * stamp (count + latest updated_at) is compared with the one read before the build.
	 */
	private async pyramid(): Promise<TilePyramid> {
		const every = this.deps.pyramidRecheckMs ?? DEFAULT_PYRAMID_RECHECK_MS;
		const checked = this.pyramidState;
		if (checked && this.now() - checked.checkedAt >= every) {
			checked.checkedAt = this.now();
			const stamp = await checked.ready.then(
				() => this.deps.tiles.itemsStamp(ANONYMOUS_SCOPE),
				() => null
			);
			if (stamp !== checked.stamp && this.pyramidState === checked) {
				this.pyramidState = null;
				this.clear();
			}
		}
		const state = this.pyramidState;
		if (state && state.generation === this.deps.changes.generation) return state.ready;
		const fresh = this.buildPyramid();
		this.pyramidState = fresh;
		fresh.ready.catch(() => {
			if (this.pyramidState === fresh) this.pyramidState = null;
		});
		return fresh.ready;
	}

	private buildPyramid(): PyramidState {
		const state: PyramidState = {
			generation: this.deps.changes.generation,
			stamp: '',
			checkedAt: this.now(),
			ready: Promise.resolve().then(async () => {
				// Stamp first: a write landing during the read makes the next check rebuild, not miss.
				state.stamp = await this.deps.tiles.itemsStamp(ANONYMOUS_SCOPE);
				const points = await this.deps.tiles.pointsForPyramid(ANONYMOUS_SCOPE);
				this.pyramidBuilds += 1;
				return TilePyramid.build(points);
			})
		};
		return state;
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

const ANONYMOUS_SCOPE = scopeFor(ANONYMOUS);

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
		filter.toYear ?? null
	]);
}
