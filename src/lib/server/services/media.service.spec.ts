import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItem } from '../../../../tests/support/factories/item.factory';
import { buildMedia } from '../../../../tests/support/factories/media.factory';
import type { Viewer } from '../../domain/types';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { NotFoundError } from '../errors';
import { createMediaStore } from '../media/create-media-store';
import { ANONYMOUS } from './access.service';
import { MediaService, type MediaReply, type MediaRequest } from './media.service';

const STAFF: Viewer = { kind: 'staff', userId: 1 };
const CONTENT = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
const GET: MediaRequest = { method: 'GET', range: null, ifRange: null, ifNoneMatch: null };

let dir: string;
let db: Database;
let service: MediaService;
const ids: Record<string, number> = {};
let sha256 = '';

async function text(reply: MediaReply): Promise<string> {
	if (reply.status !== 200 && reply.status !== 206) throw new Error(`status ${reply.status}`);
	const chunks: Buffer[] = [];
	for await (const chunk of reply.body!.stream as Readable) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks).toString();
}

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-media-service-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'media.sqlite') });
	const store = await createMediaStore({ driver: 'local', root: join(dir, 'media') });
	service = new MediaService({ items: db.items, media: db.media, store });

	const stored = await store.put('originals/test/file.txt', CONTENT, 'text/plain');
	sha256 = stored.sha256;
	const file = { storageKey: stored.key, bytes: stored.bytes, sha256, mimeType: 'text/plain' };
	const published = await db.items.create(buildItem());
	const draft = await db.items.create(buildItem({ status: 'draft' }));
	ids.published = (await db.media.create(buildMedia({ ...file, itemId: published.id }))).id;
	ids.draft = (
		await db.media.create(
			buildMedia({ ...file, storageKey: 'originals/test/draft.txt', itemId: draft.id })
		)
	).id;
	await store.put('originals/test/draft.txt', CONTENT, 'text/plain');
	ids.orphan = (
		await db.media.create(buildMedia({ ...file, storageKey: 'originals/test/orphan.txt' }))
	).id;
	ids.missingBytes = (
		await db.media.create(
			buildMedia({ ...file, storageKey: 'originals/test/gone.txt', itemId: published.id })
		)
	).id;
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('MediaService.serve', () => {
	it('streams a published item’s file with a strong ETag', async () => {
		const reply = await service.serve(ANONYMOUS, ids.published, GET);
		expect(reply).toMatchObject({
			status: 200,
			etag: `"${sha256}"`,
			size: CONTENT.length,
			range: null
		});
		expect(reply.cacheControl).toMatch(/^public/);
		expect(await text(reply)).toBe(CONTENT.toString());
	});

	it('serves a byte range as 206', async () => {
		const reply = await service.serve(ANONYMOUS, ids.published, { ...GET, range: 'bytes=10-15' });
		expect(reply).toMatchObject({
			status: 206,
			range: { start: 10, end: 15 },
			size: CONTENT.length
		});
		expect(await text(reply)).toBe('abcdef');
	});

	it('answers 416 for a range past the end, and ignores a stale If-Range', async () => {
		const past = await service.serve(ANONYMOUS, ids.published, { ...GET, range: 'bytes=500-' });
		expect(past).toMatchObject({ status: 416, size: CONTENT.length });
		const stale = await service.serve(ANONYMOUS, ids.published, {
			...GET,
			range: 'bytes=0-1',
			ifRange: '"old"'
		});
		expect(stale.status).toBe(200);
		if (stale.status === 200) stale.body?.stream.destroy();
	});

	it('answers 304 when the client has the same file', async () => {
		const reply = await service.serve(ANONYMOUS, ids.published, {
			...GET,
			ifNoneMatch: `"${sha256}"`
		});
		expect(reply.status).toBe(304);
	});

	it('opens nothing for HEAD', async () => {
		const reply = await service.serve(ANONYMOUS, ids.published, { ...GET, method: 'HEAD' });
		expect(reply).toMatchObject({ status: 200, body: null, size: CONTENT.length });
	});

	it('hides files of draft items and files with no item from the public', async () => {
		for (const id of [ids.draft, ids.orphan, 999_999]) {
			await expect(service.serve(ANONYMOUS, id, GET)).rejects.toBeInstanceOf(NotFoundError);
		}
		const staff = await service.serve(STAFF, ids.draft, GET);
		expect(staff.cacheControl).toMatch(/^private/);
		expect(await text(staff)).toBe(CONTENT.toString());
	});

	it('says not found when the bytes are missing from the store', async () => {
		await expect(service.serve(ANONYMOUS, ids.missingBytes, GET)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
