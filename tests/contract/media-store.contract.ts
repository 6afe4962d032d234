/**
 * The media store contract: one behaviour suite local disk and S3 both pass. Per-driver entry
 * files are thin: `mediaStoreContract('local-disk', createLocalHarness)`.
 *
 * Semantics pinned here that the port leaves open (both stores keep them):
 * - A range end past the last byte is cut to it (as HTTP does); a start at or past the size is
 *   RangeNotSatisfiableError, also for an empty object. A malformed range is ValidationError.
 * - list(prefix) matches by plain string prefix (`a/b` lists `a/b/x` and `a/bc`), in byte order.
 * - Content types are printable ASCII and come back exactly as given.
 * - A failed put destroys the caller's stream and leaves any older version of the key intact.
 *
 * Every case works under its own random prefix, so the store may be shared between cases.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/server/errors';
import {
	RangeNotSatisfiableError,
	type MediaStore,
	type ObjectBody
} from '../../src/lib/server/media/media-store';

export interface MediaStoreHarness {
	store: MediaStore;
	close(): Promise<void>;
	/** Temp files the store left behind; only stores that write temp files provide it. */
	strayFiles?(): Promise<string[]>;
}

const MiB = 1024 * 1024;
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
	const out: string[] = [];
	for await (const key of keys) out.push(key);
	return out;
}

/** The buffer as a stream of `chunk`-sized pieces, like an upload arriving over the network. */
function streamOf(data: Buffer, chunk = 64 * 1024): Readable {
	let at = 0;
	return new Readable({
		read() {
			this.push(at < data.length ? data.subarray(at, (at += chunk)) : null);
		}
	});
}

/** Sends `goodBytes` then fails, like a browser closing the connection mid-upload. */
function failingStream(goodBytes: number): Readable {
	let sent = 0;
	return new Readable({
		read() {
			if (sent >= goodBytes) {
				this.destroy(new Error('connection reset by the uploader'));
				return;
			}
			const n = Math.min(256 * 1024, goodBytes - sent);
			sent += n;
			this.push(Buffer.alloc(n, 0x5a));
		}
	});
}

/** Deep equality on large Buffers is slow in expect(); length + hash says the same, fast. */
function expectSameBytes(actual: Buffer, expected: Buffer): void {
	expect(actual.length).toBe(expected.length);
	expect(sha(actual)).toBe(sha(expected));
}

async function bodyOf(found: ObjectBody | null): Promise<Buffer> {
	expect(found).not.toBeNull();
	return readAll(found!.stream);
}

export function mediaStoreContract(name: string, create: () => Promise<MediaStoreHarness>): void {
	describe(`MediaStore contract: ${name}`, () => {
		let h: MediaStoreHarness;
		let store: MediaStore;
		let p: string;

		beforeEach(async () => {
			h = await create();
			store = h.store;
			p = `t${randomUUID()}/`;
		});
		afterEach(async () => {
			await h.close();
		});

		describe('put and get', () => {
			it('stores a Buffer and returns it byte-exact with its size and SHA-256', async () => {
				const data = Buffer.from('Nhà rông Kon Klor, Kon Tum');
				const stored = await store.put(`${p}a.txt`, data, 'text/plain');
				expect(stored).toEqual({
					key: `${p}a.txt`,
					bytes: data.length,
					sha256: sha(data),
					contentType: 'text/plain'
				});
				const found = await store.get(`${p}a.txt`);
				expect(found?.range).toBeNull();
				expect(found?.head).toMatchObject({
					key: `${p}a.txt`,
					bytes: data.length,
					sha256: sha(data)
				});
				expect(await bodyOf(found)).toEqual(data);
			});

			it('stores a chunked stream', async () => {
				const data = randomBytes(300 * 1024 + 17);
				const stored = await store.put(`${p}s.bin`, streamOf(data, 10_000), 'application/pdf');
				expect(stored.bytes).toBe(data.length);
				expect(stored.sha256).toBe(sha(data));
				expectSameBytes(await bodyOf(await store.get(`${p}s.bin`)), data);
			});

			it('stores a stream of strings as UTF-8', async () => {
				const text = ['Đình làng ', 'Đình Bảng', ' — Bắc Ninh'];
				const stored = await store.put(`${p}s.txt`, Readable.from(text), 'text/plain');
				const expected = Buffer.from(text.join(''), 'utf8');
				expect(stored).toMatchObject({ bytes: expected.length, sha256: sha(expected) });
				expect((await bodyOf(await store.get(`${p}s.txt`))).toString('utf8')).toBe(text.join(''));
			});

			it('streams 20 MB (multipart on S3) with a correct SHA-256 and exact ranges across parts', async () => {
				const data = randomBytes(20 * MiB + 123);
				const stored = await store.put(`${p}big.mp4`, streamOf(data), 'video/mp4');
				expect(stored).toMatchObject({ bytes: data.length, sha256: sha(data) });
				expect(await store.head(`${p}big.mp4`)).toMatchObject({
					bytes: data.length,
					sha256: sha(data),
					contentType: 'video/mp4'
				});
				expectSameBytes(await bodyOf(await store.get(`${p}big.mp4`)), data);
				const boundary = { start: 8 * MiB - 10, end: 8 * MiB + 9 };
				const slice = await store.get(`${p}big.mp4`, boundary);
				expect(slice?.range).toEqual(boundary);
				expect(await bodyOf(slice)).toEqual(data.subarray(boundary.start, boundary.end + 1));
			});

			it('keeps every byte value intact', async () => {
				const all = Buffer.alloc(1024);
				for (let i = 0; i < all.length; i++) all[i] = i % 256;
				await store.put(`${p}bytes.bin`, all, 'application/pdf');
				await store.put(`${p}bytes-stream.bin`, streamOf(all, 100), 'application/pdf');
				expect(await bodyOf(await store.get(`${p}bytes.bin`))).toEqual(all);
				expect(await bodyOf(await store.get(`${p}bytes-stream.bin`))).toEqual(all);
			});

			it('stores an empty object', async () => {
				const stored = await store.put(`${p}empty.txt`, Buffer.alloc(0), 'text/plain');
				expect(stored).toMatchObject({ bytes: 0, sha256: sha('') });
				expect(await store.head(`${p}empty.txt`)).toMatchObject({ bytes: 0, sha256: sha('') });
				expect((await bodyOf(await store.get(`${p}empty.txt`))).length).toBe(0);
			});

			it('replaces an object put again under the same key', async () => {
				await store.put(`${p}v.txt`, Buffer.from('version one, longer'), 'text/plain');
				await store.put(`${p}v.txt`, Buffer.from('v2'), 'application/pdf');
				expect(await store.head(`${p}v.txt`)).toMatchObject({
					bytes: 2,
					sha256: sha('v2'),
					contentType: 'application/pdf'
				});
				expect((await bodyOf(await store.get(`${p}v.txt`))).toString()).toBe('v2');
			});

			it('runs concurrent puts of different keys without mixing them up', async () => {
				const bodies = Array.from({ length: 6 }, (_, i) => randomBytes(50_000 + i * 7919));
				const stored = await Promise.all(
					bodies.map((b, i) => store.put(`${p}c/${i}.bin`, streamOf(b, 4096), 'image/png'))
				);
				stored.forEach((s, i) => expect(s.sha256).toBe(sha(bodies[i])));
				for (const [i, b] of bodies.entries()) {
					expectSameBytes(await bodyOf(await store.get(`${p}c/${i}.bin`)), b);
				}
				expect(await collect(store.list(`${p}c/`))).toHaveLength(6);
			});
		});

		describe('head', () => {
			it('returns size, content type, SHA-256 and a recent modification time', async () => {
				const data = randomBytes(4096);
				await store.put(`${p}h.jpg`, data, 'image/jpeg');
				const head = await store.head(`${p}h.jpg`);
				expect(head).toMatchObject({
					key: `${p}h.jpg`,
					bytes: 4096,
					contentType: 'image/jpeg',
					sha256: sha(data)
				});
				expect(head!.lastModified).toBeInstanceOf(Date);
				expect(Math.abs(Date.now() - head!.lastModified.getTime())).toBeLessThan(60_000);
			});

			it('round-trips a content type with a UTF-8 charset parameter exactly', async () => {
				const type = 'text/plain; charset=utf-8';
				const text = 'Lễ hội đâm trâu — Xơ Đăng, Giẻ Triêng';
				await store.put(`${p}utf8.txt`, Buffer.from(text, 'utf8'), type);
				expect((await store.head(`${p}utf8.txt`))?.contentType).toBe(type);
				const found = await store.get(`${p}utf8.txt`);
				expect(found?.head.contentType).toBe(type);
				expect((await bodyOf(found)).toString('utf8')).toBe(text);
			});

			it('rejects a content type that is not plain ASCII, storing nothing', async () => {
				const put = store.put(`${p}bad-type.txt`, Buffer.from('x'), 'text/plain; name="Đình"');
				await expect(put).rejects.toBeInstanceOf(ValidationError);
				await expect(store.put(`${p}bad-type.txt`, Buffer.from('x'), '')).rejects.toThrow(
					ValidationError
				);
				expect(await store.head(`${p}bad-type.txt`)).toBeNull();
			});
		});

		describe('ranges', () => {
			const data = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
			const key = () => `${p}r.txt`;
			beforeEach(async () => {
				await store.put(key(), data, 'text/plain');
			});

			it('serves bytes=4-12 inclusive with the full size in head', async () => {
				const found = await store.get(key(), { start: 4, end: 12 });
				expect(found?.range).toEqual({ start: 4, end: 12 });
				expect(found?.head.bytes).toBe(data.length);
				expect(found?.head.sha256).toBe(sha(data));
				expect((await bodyOf(found)).toString()).toBe('456789abc');
			});

			it('serves an open-ended range to the last byte', async () => {
				const found = await store.get(key(), { start: 30 });
				expect(found?.range).toEqual({ start: 30, end: 35 });
				expect((await bodyOf(found)).toString()).toBe('uvwxyz');
			});

			it('serves exactly the last byte', async () => {
				const found = await store.get(key(), { start: 35, end: 35 });
				expect(found?.range).toEqual({ start: 35, end: 35 });
				expect((await bodyOf(found)).toString()).toBe('z');
			});

			it('cuts an end past the last byte to the last byte', async () => {
				const found = await store.get(key(), { start: 33, end: 1000 });
				expect(found?.range).toEqual({ start: 33, end: 35 });
				expect((await bodyOf(found)).toString()).toBe('xyz');
			});

			it('refuses a range starting at or past the end with the object size', async () => {
				for (const start of [36, 37, 10_000]) {
					const err = await store.get(key(), { start }).catch((e: unknown) => e);
					expect(err).toBeInstanceOf(RangeNotSatisfiableError);
					expect((err as RangeNotSatisfiableError).size).toBe(36);
				}
			});

			it('refuses any range of an empty object', async () => {
				await store.put(`${p}empty.txt`, Buffer.alloc(0), 'text/plain');
				await expect(store.get(`${p}empty.txt`, { start: 0 })).rejects.toBeInstanceOf(
					RangeNotSatisfiableError
				);
			});

			it('rejects malformed ranges as invalid input', async () => {
				for (const range of [{ start: 5, end: 4 }, { start: -1 }, { start: 1.5 }]) {
					await expect(store.get(key(), range)).rejects.toBeInstanceOf(ValidationError);
				}
			});
		});

		describe('absent keys and delete', () => {
			it('answers null for an absent key, with or without a range', async () => {
				expect(await store.get(`${p}nothing.bin`)).toBeNull();
				expect(await store.get(`${p}nothing.bin`, { start: 0, end: 3 })).toBeNull();
				expect(await store.head(`${p}nothing.bin`)).toBeNull();
			});

			it('deletes, and deleting again or deleting an absent key is not an error', async () => {
				await store.put(`${p}d.txt`, Buffer.from('bye'), 'text/plain');
				await store.put(`${p}keep.txt`, Buffer.from('stay'), 'text/plain');
				await store.delete(`${p}d.txt`);
				expect(await store.head(`${p}d.txt`)).toBeNull();
				expect(await store.get(`${p}d.txt`)).toBeNull();
				await expect(store.delete(`${p}d.txt`)).resolves.toBeUndefined();
				await expect(store.delete(`${p}never/was.txt`)).resolves.toBeUndefined();
				expect(await collect(store.list(p))).toEqual([`${p}keep.txt`]);
			});
		});

		describe('list', () => {
			const names = ['list/b.bin', 'list/a/2.bin', 'list/0.bin', 'list/c/d/e.bin', 'list/a/1.bin'];
			beforeEach(async () => {
				for (const name of [...names, 'listing.bin', 'other/x.bin']) {
					await store.put(p + name, Buffer.from(name), 'application/pdf');
				}
			});

			it('lists the keys under a folder prefix in sorted order, and nothing else', async () => {
				expect(await collect(store.list(`${p}list/`))).toEqual(
					['list/0.bin', 'list/a/1.bin', 'list/a/2.bin', 'list/b.bin', 'list/c/d/e.bin'].map(
						(n) => p + n
					)
				);
			});

			it('matches a prefix that ends mid-name as a plain string prefix', async () => {
				expect(await collect(store.list(`${p}list/a`))).toEqual([
					`${p}list/a/1.bin`,
					`${p}list/a/2.bin`
				]);
				expect(await collect(store.list(`${p}list`))).toEqual(
					[...names.map((n) => p + n), `${p}listing.bin`].sort()
				);
			});

			it('lists everything from the empty prefix and nothing for an unused prefix', async () => {
				const all = await collect(store.list(''));
				expect(all).toEqual(expect.arrayContaining([`${p}other/x.bin`, `${p}list/0.bin`]));
				expect(await collect(store.list(`${p}nope/`))).toEqual([]);
			});
		});

		describe('failed writes', () => {
			it.each([
				['early, within the first part', 300 * 1024],
				['after a full part was sent', 9 * MiB]
			])('leaves no object when the stream fails %s', async (_when, goodBytes) => {
				const body = failingStream(goodBytes);
				await expect(store.put(`${p}broken.mp4`, body, 'video/mp4')).rejects.toThrow(
					'connection reset by the uploader'
				);
				expect(await store.head(`${p}broken.mp4`)).toBeNull();
				expect(await store.get(`${p}broken.mp4`)).toBeNull();
				expect(await collect(store.list(p))).toEqual([]);
				if (h.strayFiles) expect(await h.strayFiles()).toEqual([]);
			});

			it('keeps the previous version when replacing it fails', async () => {
				await store.put(`${p}keep.txt`, Buffer.from('the good copy'), 'text/plain');
				await expect(
					store.put(`${p}keep.txt`, failingStream(100_000), 'application/pdf')
				).rejects.toThrow();
				expect(await store.head(`${p}keep.txt`)).toMatchObject({
					bytes: 13,
					sha256: sha('the good copy'),
					contentType: 'text/plain'
				});
				expect((await bodyOf(await store.get(`${p}keep.txt`))).toString()).toBe('the good copy');
				if (h.strayFiles) expect(await h.strayFiles()).toEqual([]);
			});
		});

		describe('keys', () => {
			const badKeys = ['../x', '/abs', 'A B', '', 'a//b', 'a/', 'a/../b', 'a\\b', 'x/.hidden'];

			it.each(badKeys)('rejects the key %j everywhere', async (bad) => {
				await expect(store.put(bad, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
					ValidationError
				);
				await expect(store.get(bad)).rejects.toBeInstanceOf(ValidationError);
				await expect(store.head(bad)).rejects.toBeInstanceOf(ValidationError);
				await expect(store.delete(bad)).rejects.toBeInstanceOf(ValidationError);
			});

			it('destroys a stream given with a bad key, so the uploader is not left hanging', async () => {
				const body = streamOf(Buffer.alloc(1000));
				await expect(store.put('../escape.txt', body, 'text/plain')).rejects.toThrow(
					ValidationError
				);
				expect(body.destroyed).toBe(true);
			});

			it('rejects list prefixes that could escape', async () => {
				for (const bad of ['../', '/', '/abs/', 'a/../', 'A/']) {
					await expect(collect(store.list(bad))).rejects.toBeInstanceOf(ValidationError);
				}
			});
		});
	});
}
