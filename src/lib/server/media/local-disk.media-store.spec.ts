// Local-disk details beyond the shared contract (tests/contract/local-disk.media-store.spec.ts).
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors';
import { createMediaStore } from './create-media-store';
import { LocalDiskMediaStore } from './local-disk.media-store';

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
	const out: string[] = [];
	for await (const key of keys) out.push(key);
	return out;
}

describe('LocalDiskMediaStore', () => {
	let dir: string;
	let store: LocalDiskMediaStore;

	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'disan-local-'));
		store = new LocalDiskMediaStore(dir);
		await store.init();
	});
	afterEach(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('lists in S3 byte order even where folder-by-folder order differs', async () => {
		// On disk 'a' is a folder next to the file 'a-b': a plain walk would give a/x before a-b.
		const keys = ['a0', 'a/x', 'a-b', 'x-1', 'x', 'a.jpg', 'y/z', 'x0', 'y0', 'y-1'];
		for (const key of keys) await store.put(key, Buffer.from(key), 'text/plain');
		expect(await collect(store.list(''))).toEqual([...keys].sort());
	});

	it('keeps its sidecars and temp folder out of list() and out of the key space', async () => {
		await store.put('originals/a.jpg', Buffer.from('x'), 'image/jpeg');
		expect(await collect(store.list(''))).toEqual(['originals/a.jpg']);
		expect((await readdir(dir)).sort()).toEqual(['.meta', '.tmp', 'originals']);
		expect(await readdir(path.join(dir, '.meta', 'originals'))).toEqual(['a.jpg.json']);
	});

	it('writes the object at <root>/<key> so it can be served or backed up as a plain file', async () => {
		await store.put('originals/2026/11/a.txt', Buffer.from('hello'), 'text/plain');
		expect(await readdir(path.join(dir, 'originals', '2026', '11'))).toEqual(['a.txt']);
	});

	it('still serves an object whose sidecar was lost, without claiming a checksum', async () => {
		await store.put('k/a.bin', Buffer.from('abc'), 'image/png');
		await rm(path.join(dir, '.meta', 'k', 'a.bin.json'));
		expect(await store.head('k/a.bin')).toMatchObject({
			bytes: 3,
			contentType: 'application/octet-stream',
			sha256: null
		});
	});

	it('ignores a sidecar that describes another size (a torn overwrite)', async () => {
		await store.put('k/a.bin', Buffer.from('abc'), 'image/png');
		await writeFile(path.join(dir, 'k', 'a.bin'), 'abcdef');
		expect((await store.head('k/a.bin'))?.sha256).toBeNull();
	});

	it('refuses a key that clashes with a folder of other keys, leaving no temp file', async () => {
		await store.put('k/a/b.txt', Buffer.from('x'), 'text/plain');
		await expect(store.put('k/a', Buffer.from('y'), 'text/plain')).rejects.toBeInstanceOf(
			ConflictError
		);
		await expect(store.put('k/a/b.txt/c', Buffer.from('y'), 'text/plain')).rejects.toBeInstanceOf(
			ConflictError
		);
		expect(await store.tempFiles()).toEqual([]);
		expect(await store.get('k/a')).toBeNull();
		expect(await store.head('k/a/b.txt/c')).toBeNull();
		await expect(store.delete('k/a')).resolves.toBeUndefined();
		expect(await collect(store.list('k/'))).toEqual(['k/a/b.txt']);
	});

	it('init() sweeps old temp files a crash left behind but keeps fresh ones', async () => {
		const tmp = path.join(dir, '.tmp');
		await writeFile(path.join(tmp, 'old.part'), 'x');
		await writeFile(path.join(tmp, 'fresh.part'), 'x');
		const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
		await utimes(path.join(tmp, 'old.part'), yesterday, yesterday);
		await store.init();
		expect(await store.tempFiles()).toEqual(['fresh.part']);
	});

	it('createMediaStore builds a ready local store from config', async () => {
		const root = path.join(dir, 'nested', 'media');
		const created = await createMediaStore({ driver: 'local', root });
		expect(created.driver).toBe('local');
		expect((await readdir(root)).sort()).toEqual(['.meta', '.tmp']);
		await created.put('a/b.txt', Buffer.from('ok'), 'text/plain');
		expect((await created.head('a/b.txt'))?.bytes).toBe(2);
	});

	it('never reads outside its root, even through a lookalike sibling folder', async () => {
		await mkdir(`${dir}-evil`, { recursive: true });
		await writeFile(`${dir}-evil/secret.txt`, 'secret');
		try {
			expect(await store.get('secret.txt')).toBeNull();
			await expect(store.head('../' + path.basename(dir) + '-evil/secret.txt')).rejects.toThrow();
		} finally {
			await rm(`${dir}-evil`, { recursive: true, force: true });
		}
	});
});
