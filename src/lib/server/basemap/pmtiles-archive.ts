/**
 * Reading a PMTiles archive on the server with the `pmtiles` package (the same decoder the
 * browser runs): from a buffer, or from the media store by byte ranges, so a 1 GB regional
 * extract on S3 costs two small reads to describe. The description decides the style: our own
 * layer schema, the Protomaps basemap schema, another vector schema, or raster tiles.
 */
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { PMTiles, TileType, type Header, type RangeResponse, type Source } from 'pmtiles';
import type { MediaStore, ObjectHead } from '../media/media-store';

/** Our embedded basemap's layers: an archive written by `npm run basemap:export` has them. */
export const EMBEDDED_LAYERS = ['land', 'countries', 'boundaries', 'places'] as const;
/** Layers every Protomaps basemap build has (https://docs.protomaps.com/basemaps/layers). */
const PROTOMAPS_LAYERS = ['earth', 'water', 'roads', 'places'];

export type ArchiveSchema = 'embedded' | 'protomaps' | 'vector' | 'raster';

export interface ArchiveDescription {
	schema: ArchiveSchema;
	tileType: TileType;
	minzoom: number;
	maxzoom: number;
	/** [west, south, east, north] */
	bounds: [number, number, number, number];
	center: [number, number, number];
	/** Vector layer ids from the metadata (`vector_layers`), empty for raster. */
	vectorLayers: string[];
	/** HTML attribution from the metadata, if the archive carries one. */
	attribution: string | null;
}

export class BufferSource implements Source {
	constructor(
		private readonly bytes: Uint8Array,
		private readonly key = 'buffer'
	) {}

	getKey(): string {
		return this.key;
	}

	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const slice = this.bytes.slice(offset, offset + length);
		return { data: slice.buffer };
	}
}

/** A file on this machine, read by ranges (an archive may be gigabytes). */
export class NodeFileSource implements Source {
	constructor(private readonly file: string) {}

	getKey(): string {
		return this.file;
	}

	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const handle = await open(this.file, 'r');
		try {
			const data = new ArrayBuffer(length);
			const { bytesRead } = await handle.read(new Uint8Array(data), 0, length, offset);
			return { data: data.slice(0, bytesRead) };
		} finally {
			await handle.close();
		}
	}
}

async function readAll(stream: Readable): Promise<Uint8Array> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** The strong ETag we serve the archive with: its SHA-256 when recorded, else size + time. */
export function archiveEtag(head: ObjectHead): string {
	return head.sha256
		? `"${head.sha256}"`
		: `"${head.bytes.toString(16)}-${head.lastModified.getTime().toString(16)}"`;
}

/** Byte ranges of an object in the media store (local disk or S3). */
export class MediaStoreSource implements Source {
	constructor(
		private readonly store: MediaStore,
		private readonly key: string
	) {}

	getKey(): string {
		return `media:${this.key}`;
	}

	async getBytes(offset: number, length: number): Promise<RangeResponse> {
		const body = await this.store.get(this.key, { start: offset, end: offset + length - 1 });
		if (!body) throw new Error(`The basemap archive ${this.key} is not in the media store.`);
		const bytes = await readAll(body.stream);
		const data = new ArrayBuffer(bytes.length);
		new Uint8Array(data).set(bytes);
		return { data, etag: archiveEtag(body.head) };
	}
}

function vectorLayerIds(metadata: unknown): string[] {
	const layers = (metadata as { vector_layers?: unknown } | null)?.vector_layers;
	if (!Array.isArray(layers)) return [];
	return layers
		.map((l) => (l as { id?: unknown }).id)
		.filter((id): id is string => typeof id === 'string');
}

export function schemaOf(tileType: TileType, vectorLayers: readonly string[]): ArchiveSchema {
	if (tileType !== TileType.Mvt) return 'raster';
	const has = (ids: readonly string[]) => ids.every((id) => vectorLayers.includes(id));
	if (has(EMBEDDED_LAYERS)) return 'embedded';
	if (has(PROTOMAPS_LAYERS)) return 'protomaps';
	return 'vector';
}

const RASTER_TYPES = new Set([TileType.Png, TileType.Jpeg, TileType.Webp, TileType.Avif]);

export function describeHeader(header: Header, metadata: unknown): ArchiveDescription {
	if (header.tileType !== TileType.Mvt && !RASTER_TYPES.has(header.tileType)) {
		throw new Error(
			`The basemap archive holds tiles of type ${header.tileType}; the map can draw vector (MVT) or PNG/JPEG/WebP/AVIF tiles.`
		);
	}
	const vectorLayers = vectorLayerIds(metadata);
	const attribution = (metadata as { attribution?: unknown } | null)?.attribution;
	return {
		schema: schemaOf(header.tileType, vectorLayers),
		tileType: header.tileType,
		minzoom: header.minZoom,
		maxzoom: header.maxZoom,
		bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
		center: [header.centerLon, header.centerLat, header.centerZoom],
		vectorLayers,
		attribution: typeof attribution === 'string' ? attribution : null
	};
}

/** Header and metadata of an archive; throws with a readable message if it is not PMTiles v3. */
export async function describeArchive(source: Source): Promise<ArchiveDescription> {
	const archive = new PMTiles(source);
	let header: Header;
	try {
		header = await archive.getHeader();
	} catch (err) {
		throw new Error(`${source.getKey()} is not a PMTiles v3 archive (${(err as Error).message}).`, {
			cause: err
		});
	}
	return describeHeader(header, await archive.getMetadata());
}
