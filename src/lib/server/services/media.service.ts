/**
 * Serving media files. A file is served only when its item is readable by the viewer through the
 * same access scope as every other read path; otherwise it does not exist (404, never 403, so a
 * restricted record's media cannot be probed).
 */
import type { MediaRecord, Viewer } from '../../domain/types';
import type { ItemRepository, MediaRepository } from '../db/ports';
import { NotFoundError } from '../errors';
import { etagMatches, parseRangeHeader } from '../http-range';
import { RangeNotSatisfiableError, type MediaStore, type ObjectBody } from '../media/media-store';
import { scopeFor } from './access.service';

export interface MediaRequest {
	method: 'GET' | 'HEAD';
	range: string | null;
	ifRange: string | null;
	ifNoneMatch: string | null;
}

interface Common {
	record: MediaRecord;
	etag: string;
	/** Only anonymous-visible files may sit in shared caches. */
	cacheControl: string;
}

export type MediaReply =
	| (Common & { status: 304 })
	| (Common & { status: 416; size: number })
	| (Common & {
			status: 200 | 206;
			size: number;
			/** Inclusive byte range sent (206), or null for the whole file. */
			range: { start: number; end: number } | null;
			/** null for HEAD: nothing was opened. */
			body: ObjectBody | null;
	  });

export interface MediaServiceDeps {
	items: ItemRepository;
	media: MediaRepository;
	store: MediaStore;
}

export class MediaService {
	constructor(private readonly deps: MediaServiceDeps) {}

	/** The record, if the viewer may read its item. */
	async find(viewer: Viewer, id: number): Promise<MediaRecord> {
		const record = await this.deps.media.getById(id);
		// Media not attached to an item has no access rule to inherit: never public.
		const item =
			record && record.itemId !== null
				? await this.deps.items.getById(record.itemId, scopeFor(viewer))
				: null;
		if (!record || !item) throw new NotFoundError(`No published media file has id ${id}`);
		return record;
	}

	async serve(viewer: Viewer, id: number, request: MediaRequest): Promise<MediaReply> {
		const record = await this.find(viewer, id);
		const common: Common = {
			record,
			// Content-addressed: the SHA-256 changes whenever the bytes do, so it is a strong ETag.
			etag: `"${record.sha256}"`,
			cacheControl: viewer.kind === 'anonymous' ? 'public, max-age=3600' : 'private, max-age=3600'
		};
		if (etagMatches(request.ifNoneMatch, common.etag)) return { ...common, status: 304 };

		// If-Range with a different validator means the client's partial copy is stale: send all.
		const rangeApplies = request.ifRange === null || request.ifRange.trim() === common.etag;
		const wanted = rangeApplies
			? parseRangeHeader(request.range, record.bytes)
			: { kind: 'none' as const };
		if (wanted.kind === 'unsatisfiable') return { ...common, status: 416, size: record.bytes };
		const range = wanted.kind === 'range' ? { start: wanted.start, end: wanted.end } : null;

		if (request.method === 'HEAD') {
			return { ...common, status: range ? 206 : 200, size: record.bytes, range, body: null };
		}
		let body: ObjectBody | null;
		try {
			body = await this.deps.store.get(record.storageKey, range ?? undefined);
		} catch (err) {
			if (err instanceof RangeNotSatisfiableError) {
				return { ...common, status: 416, size: err.size };
			}
			throw err;
		}
		if (!body) {
			// The row exists but the bytes are gone: an operator problem, not the reader's.
			console.error(`media ${id}: object ${record.storageKey} is missing from the media store`);
			throw new NotFoundError(`The file for media ${id} is missing`);
		}
		return {
			...common,
			status: body.range ? 206 : 200,
			size: body.head.bytes,
			range: body.range,
			body
		};
	}
}
