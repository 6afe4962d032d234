/**
 * Media on local disk: the embedded default. An object is the file `<root>/<key>`; its content
 * type and SHA-256 live in `<root>/.meta/<key>.json`. Writes go to `<root>/.tmp/` (same file
 * system, so rename is atomic), are fsynced, then renamed into place: a reader sees the old
 * object or the whole new one, never a partial file. Keys never start with '.', so the two
 * dot-folders cannot collide with objects and are skipped by list().
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConflictError } from '../errors';
import { assertByteRange, assertContentType, assertMediaPrefix, clampRange } from './media-input';
import {
	assertMediaKey,
	type ByteRange,
	type MediaStore,
	type ObjectBody,
	type ObjectHead,
	type StoredObject
} from './media-store';

interface Sidecar {
	contentType: string;
	sha256: string;
	bytes: number;
}

const TMP_DIR = '.tmp';
const META_DIR = '.meta';
const FALLBACK_TYPE = 'application/octet-stream';

/** Codes meaning "no object at this key" (a missing file, or a path through/at a directory). */
function isAbsent(err: unknown): boolean {
	const code = (err as NodeJS.ErrnoException).code;
	return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

export class LocalDiskMediaStore implements MediaStore {
	readonly driver = 'local';
	readonly root: string;

	constructor(root: string) {
		this.root = path.resolve(root);
	}

	/**
	 * Creates the folders and removes temp files a crashed process left behind. Only old ones:
	 * another process (a seed script next to the server) may be writing into the same root.
	 */
	async init(staleAfterMs = 3_600_000): Promise<void> {
		await mkdir(path.join(this.root, TMP_DIR), { recursive: true });
		await mkdir(path.join(this.root, META_DIR), { recursive: true });
		for (const name of await readdir(path.join(this.root, TMP_DIR))) {
			const file = path.join(this.root, TMP_DIR, name);
			const info = await stat(file).catch(() => null);
			if (info && Date.now() - info.mtimeMs > staleAfterMs) await rm(file, { force: true });
		}
	}

	/** Temp files currently in `.tmp` (for tests and the health page). */
	async tempFiles(): Promise<string[]> {
		return readdir(path.join(this.root, TMP_DIR)).catch((err) =>
			isAbsent(err) ? [] : Promise.reject(err)
		);
	}

	async put(key: string, body: Readable | Buffer, contentType: string): Promise<StoredObject> {
		const tmpData = path.join(this.root, TMP_DIR, `${randomUUID()}.part`);
		const tmpMeta = `${tmpData}.json`;
		try {
			const target = this.objectPath(key);
			assertContentType(contentType);
			await mkdir(path.dirname(tmpData), { recursive: true });
			const { bytes, sha256 } = await writeHashed(body, tmpData);
			const sidecar: Sidecar = { contentType, sha256, bytes };
			await writeDurably(tmpMeta, JSON.stringify(sidecar));
			// Sidecar first: if we stop between the renames, the new object is simply not there.
			await this.moveIntoPlace(tmpMeta, this.metaPath(key), key);
			await this.moveIntoPlace(tmpData, target, key);
			return { key, bytes, sha256, contentType };
		} catch (err) {
			// Whatever failed, the caller's stream must not stay paused with nobody reading it.
			if (!Buffer.isBuffer(body) && !body.destroyed) body.destroy();
			await Promise.all([rm(tmpData, { force: true }), rm(tmpMeta, { force: true })]);
			throw err;
		}
	}

	async get(key: string, range?: ByteRange): Promise<ObjectBody | null> {
		const file = this.objectPath(key);
		if (range) assertByteRange(range);
		// Open first and stat the handle, so size and bytes come from the same file even if a
		// concurrent put renames a new version into place.
		const handle = await open(file, 'r').catch((err) =>
			isAbsent(err) ? null : Promise.reject(err)
		);
		if (!handle) return null;
		try {
			const info = await handle.stat();
			if (!info.isFile()) {
				await handle.close();
				return null;
			}
			const head = await this.headFrom(key, info.size, info.mtime);
			const served = range ? clampRange(range, info.size) : null;
			const stream = handle.createReadStream(
				served ? { start: served.start, end: served.end } : { start: 0 }
			);
			return { head, range: served, stream };
		} catch (err) {
			await handle.close();
			throw err;
		}
	}

	async head(key: string): Promise<ObjectHead | null> {
		const info = await stat(this.objectPath(key)).catch((err) =>
			isAbsent(err) ? null : Promise.reject(err)
		);
		if (!info || !info.isFile()) return null;
		return this.headFrom(key, info.size, info.mtime);
	}

	async delete(key: string): Promise<void> {
		// Object first: a sidecar left alone is invisible, an object without one is not.
		for (const file of [this.objectPath(key), this.metaPath(key)]) {
			await unlink(file).catch((err) => (isAbsent(err) ? undefined : Promise.reject(err)));
		}
	}

	async *list(prefix: string): AsyncIterable<string> {
		assertMediaPrefix(prefix);
		const dir = prefix.slice(0, prefix.lastIndexOf('/') + 1);
		yield* this.walk(dir, prefix);
	}

	/**
	 * Depth-first in key order: sorting each folder's entries with folders as `name/` makes the
	 * walk visit keys in the same byte order S3 lists them ('a-b' < 'a/x' < 'a0').
	 */
	private async *walk(dir: string, prefix: string): AsyncGenerator<string> {
		const entries: Dirent[] = await readdir(path.join(this.root, dir), {
			withFileTypes: true
		}).catch((err) => (isAbsent(err) ? [] : Promise.reject(err)));
		const named = entries
			.filter((e) => !e.name.startsWith('.') && (e.isFile() || e.isDirectory()))
			.map((e) => ({ rel: dir + e.name + (e.isDirectory() ? '/' : ''), isDir: e.isDirectory() }))
			.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
		for (const { rel, isDir } of named) {
			if (isDir) {
				if (rel.startsWith(prefix) || prefix.startsWith(rel)) yield* this.walk(rel, prefix);
			} else if (rel.startsWith(prefix)) {
				yield rel;
			}
		}
	}

	private async headFrom(key: string, bytes: number, lastModified: Date): Promise<ObjectHead> {
		const sidecar = await this.readSidecar(key);
		// A sidecar describing another size belongs to a different version (an overwrite caught
		// between its two renames): better no checksum than a wrong one.
		const matches = sidecar !== null && sidecar.bytes === bytes;
		return {
			key,
			bytes,
			contentType: matches ? sidecar.contentType : FALLBACK_TYPE,
			sha256: matches ? sidecar.sha256 : null,
			lastModified
		};
	}

	private async readSidecar(key: string): Promise<Sidecar | null> {
		try {
			return JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Sidecar;
		} catch (err) {
			if (isAbsent(err) || err instanceof SyntaxError) return null;
			throw err;
		}
	}

	private async moveIntoPlace(from: string, to: string, key: string): Promise<void> {
		try {
			await mkdir(path.dirname(to), { recursive: true });
			await rename(from, to);
		} catch (err) {
			const code = (err as NodeJS.ErrnoException).code;
			if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
				throw new ConflictError(
					`Media key ${JSON.stringify(key)} clashes with an existing file or folder in the media store.`
				);
			}
			throw err;
		}
		await syncDirectory(path.dirname(to));
	}

	private objectPath(key: string): string {
		assertMediaKey(key);
		return this.inside(path.resolve(this.root, ...key.split('/')));
	}

	private metaPath(key: string): string {
		assertMediaKey(key);
		return this.inside(path.resolve(this.root, META_DIR, ...key.split('/')) + '.json');
	}

	/** Belt and braces on top of the key pattern: nothing resolves outside the root. */
	private inside(resolved: string): string {
		if (!resolved.startsWith(this.root + path.sep)) {
			throw new Error(`Media path escapes the store root: ${resolved}`);
		}
		return resolved;
	}
}

/** Streams `body` to a new file, hashing on the way, and fsyncs it before resolving. */
async function writeHashed(
	body: Readable | Buffer,
	file: string
): Promise<{ bytes: number; sha256: string }> {
	const hash = createHash('sha256');
	let bytes = 0;
	// Created before the copy starts: a write stream given only a path opens it lazily, and when the
	// body failed first that open could land after put() had already removed the temp file, leaving
	// an orphan .part behind.
	const handle = await open(file, 'wx');
	await pipeline(
		Buffer.isBuffer(body) ? Readable.from([body]) : body,
		async function* (source: AsyncIterable<Buffer | string>) {
			for await (const chunk of source) {
				const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				hash.update(buf);
				bytes += buf.length;
				yield buf;
			}
		},
		handle.createWriteStream({ flush: true })
	);
	return { bytes, sha256: hash.digest('hex') };
}

async function writeDurably(file: string, text: string): Promise<void> {
	const handle = await open(file, 'wx');
	try {
		await handle.writeFile(text, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Makes a rename survive power loss; some platforms cannot open folders, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
	const handle = await open(dir, 'r').catch(() => null);
	if (!handle) return;
	try {
		await handle.sync();
	} catch {
		// fsync on a folder is not supported everywhere (e.g. Windows); the rename still happened.
	} finally {
		await handle.close();
	}
}
