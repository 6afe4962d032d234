/**
 * The basemap behind `/basemap/style.json` and `/basemap/archive.pmtiles`: the embedded Natural
 * Earth tiles by default, or a PMTiles archive kept in the media store (`BASEMAP_PMTILES`, a
 * media key) and served to the browser by HTTP byte ranges, from local disk or S3 alike.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { buildBasemapStyle } from '../../map/basemap-style';
import { NotFoundError } from '../errors';
import { etagMatches, parseRangeHeader } from '../http-range';
import {
	RangeNotSatisfiableError,
	type MediaStore,
	type ObjectBody,
	type ObjectHead
} from '../media/media-store';
import { BASEMAP_MAX_ZOOM } from './basemap-tiles';
import {
	archiveEtag,
	describeArchive,
	MediaStoreSource,
	type ArchiveDescription
} from './pmtiles-archive';
import { buildPmtilesStyle } from './pmtiles-style';

export const PMTILES_CONTENT_TYPE = 'application/vnd.pmtiles';
/** One HEAD per few seconds at most: a map view asks for dozens of ranges at once. */
const HEAD_TTL_MS = 5_000;

export interface ArchiveRequest {
	method: 'GET' | 'HEAD';
	range: string | null;
	ifRange: string | null;
	ifNoneMatch: string | null;
}

export type ArchiveReply =
	| { status: 304; etag: string }
	| { status: 416; etag: string; size: number }
	| {
			status: 200 | 206;
			etag: string;
			size: number;
			/** Inclusive byte range sent (206), or null for the whole file. */
			range: { start: number; end: number } | null;
			/** null for HEAD: nothing was opened. */
			body: ObjectBody | null;
	  };

export interface BasemapServiceDeps {
	store: MediaStore;
	/** The media key of the PMTiles archive; unset means the embedded basemap. */
	archiveKey?: string;
	log?: (message: string) => void;
}

export class BasemapService {
	#head: { value: ObjectHead | null; at: number } | null = null;
	#described: { etag: string; value: Promise<ArchiveDescription> } | null = null;
	#lastProblem: string | null = null;

	constructor(private readonly deps: BasemapServiceDeps) {}

	get archiveKey(): string | undefined {
		return this.deps.archiveKey;
	}

	private log(message: string): void {
		(this.deps.log ?? ((m: string) => console.error(m)))(message);
	}

	private async head(fresh = false): Promise<ObjectHead | null> {
		const key = this.deps.archiveKey;
		if (!key) return null;
		if (!fresh && this.#head && Date.now() - this.#head.at < HEAD_TTL_MS) return this.#head.value;
		const value = await this.deps.store.head(key);
		this.#head = { value, at: Date.now() };
		return value;
	}

	/** Header and metadata of the configured archive, read once per version of it. */
	async describe(): Promise<ArchiveDescription | null> {
		const head = await this.head();
		if (!head || !this.deps.archiveKey) return null;
		const etag = archiveEtag(head);
		if (this.#described?.etag !== etag) {
			const value = describeArchive(new MediaStoreSource(this.deps.store, this.deps.archiveKey));
			value.catch(() => (this.#described = null));
			this.#described = { etag, value };
		}
		return this.#described.value;
	}

	/**
	 * The style for `/basemap/style.json`. A configured archive that is missing or unreadable
	 * falls back to the embedded basemap (the map must still work), and says why in the log.
	 */
	async style(origin: string): Promise<StyleSpecification> {
		const key = this.deps.archiveKey;
		if (key) {
			try {
				const archive = await this.describe();
				if (archive) {
					this.#lastProblem = null;
					return buildPmtilesStyle(origin, archive);
				}
				this.problem(
					`[basemap] BASEMAP_PMTILES=${key} is not in the media store (run npm run basemap:import -- <file>); using the embedded basemap.`
				);
			} catch (err) {
				this.problem(
					`[basemap] BASEMAP_PMTILES=${key} cannot be read: ${(err as Error).message} Using the embedded basemap.`
				);
			}
		}
		return buildBasemapStyle(origin, BASEMAP_MAX_ZOOM);
	}

	/** Logged once until it changes, not on every style request. */
	private problem(message: string): void {
		if (message === this.#lastProblem) return;
		this.#lastProblem = message;
		this.log(message);
	}

	/** The archive's bytes for `/basemap/archive.pmtiles`, with HTTP Range semantics. */
	async serveArchive(request: ArchiveRequest): Promise<ArchiveReply> {
		const key = this.deps.archiveKey;
		if (!key) {
			throw new NotFoundError(
				'No PMTiles basemap is configured: the map uses the embedded basemap (/basemap/style.json). Set BASEMAP_PMTILES to serve one.'
			);
		}
		for (let attempt = 0; ; attempt++) {
			const head = await this.head(attempt > 0);
			if (!head) {
				throw new NotFoundError(
					`The basemap archive ${key} is not in the media store. Run npm run basemap:import -- <file>.`
				);
			}
			const etag = archiveEtag(head);
			if (etagMatches(request.ifNoneMatch, etag)) return { status: 304, etag };
			// If-Range with another validator: the client's partial copy is stale, send it all.
			const rangeApplies = request.ifRange === null || request.ifRange.trim() === etag;
			const wanted = rangeApplies
				? parseRangeHeader(request.range, head.bytes)
				: { kind: 'none' as const };
			if (wanted.kind === 'unsatisfiable') return { status: 416, etag, size: head.bytes };
			const range = wanted.kind === 'range' ? { start: wanted.start, end: wanted.end } : null;
			if (request.method === 'HEAD') {
				return { status: range ? 206 : 200, etag, size: head.bytes, range, body: null };
			}
			let body: ObjectBody | null;
			try {
				body = await this.deps.store.get(key, range ?? undefined);
			} catch (err) {
				if (err instanceof RangeNotSatisfiableError) {
					return { status: 416, etag, size: err.size };
				}
				throw err;
			}
			// Replaced (or removed) since the cached head: look again rather than mix versions.
			if (!body) {
				if (attempt === 0) continue;
				throw new NotFoundError(`The basemap archive ${key} was just removed.`);
			}
			if (archiveEtag(body.head) !== etag && attempt === 0) {
				body.stream.destroy();
				continue;
			}
			return {
				status: body.range ? 206 : 200,
				etag: archiveEtag(body.head),
				size: body.head.bytes,
				range: body.range,
				body
			};
		}
	}
}
