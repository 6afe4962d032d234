import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMediaStore } from '../../src/lib/server/media/create-media-store';
import { S3MediaStore, type S3MediaStoreOptions } from '../../src/lib/server/media/s3.media-store';
import { mediaStoreContract } from './media-store.contract';

// A bucket of its own, so this file never sees another file's objects.
const bucket = `disan-${randomUUID()}`;
let bucketReady: Promise<void> | undefined;

function options(overrides: Partial<S3MediaStoreOptions> = {}): S3MediaStoreOptions {
	return {
		endpoint: inject('s3Endpoint'),
		region: 'us-east-1',
		bucket,
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		forcePathStyle: true,
		...overrides
	};
}

mediaStoreContract('s3 (s3rver)', async () => {
	const store = new S3MediaStore(options());
	bucketReady ??= store.ensureBucket();
	await bucketReady;
	return { store, close: async () => store.destroy() };
});

describe('S3MediaStore specifics', () => {
	const opened: S3MediaStore[] = [];
	afterEach(() => {
		for (const store of opened.splice(0)) store.destroy();
	});

	/** A store whose client records the name of every command it sends. */
	async function recordingStore(): Promise<{ store: S3MediaStore; sent: string[] }> {
		const store = new S3MediaStore(options());
		opened.push(store);
		await store.ensureBucket();
		const sent: string[] = [];
		store.client.middlewareStack.add(
			(next, context) => (args) => {
				sent.push(context.commandName ?? '?');
				return next(args);
			},
			{ step: 'initialize' }
		);
		return { store, sent };
	}

	it('uploads a 20 MB stream as 8 MiB parts, then records its SHA-256 by a metadata copy', async () => {
		const { store, sent } = await recordingStore();
		const data = randomBytes(20 * 1024 * 1024);
		await store.put(`multi/${randomUUID()}.mp4`, Readable.from([data]), 'video/mp4');
		expect(sent).toEqual([
			'CreateMultipartUploadCommand',
			'UploadPartCommand',
			'UploadPartCommand',
			'UploadPartCommand',
			'CompleteMultipartUploadCommand',
			'CopyObjectCommand'
		]);
	});

	it('sends a stream shorter than one part as a single PutObject', async () => {
		const { store, sent } = await recordingStore();
		await store.put(`single/${randomUUID()}.bin`, Readable.from([randomBytes(1000)]), 'image/png');
		expect(sent).toEqual(['PutObjectCommand']);
	});

	it('aborts the multipart upload when the stream fails after a part was sent', async () => {
		const { store, sent } = await recordingStore();
		const body = Readable.from(
			(async function* () {
				yield randomBytes(9 * 1024 * 1024);
				throw new Error('uploader went away');
			})()
		);
		await expect(store.put(`abort/${randomUUID()}.mp4`, body, 'video/mp4')).rejects.toThrow(
			'uploader went away'
		);
		expect(sent).toEqual([
			'CreateMultipartUploadCommand',
			'UploadPartCommand',
			'AbortMultipartUploadCommand'
		]);
	});

	it('keeps the SHA-256 in x-amz-meta-sha256, readable by any S3 client', async () => {
		const { store } = await recordingStore();
		const data = Buffer.from('Tháp Po Klong Garai');
		const key = `meta/${randomUUID()}.txt`;
		await store.put(key, data, 'text/plain');
		const res = await fetch(`${inject('s3Endpoint')}/${bucket}/${key}`, { method: 'HEAD' });
		expect(res.headers.get('x-amz-meta-sha256')).toBe(
			createHash('sha256').update(data).digest('hex')
		);
	});

	it('createMediaStore creates a missing bucket, and doing it again is harmless', async () => {
		const fresh = `disan-${randomUUID()}`;
		const config = {
			driver: 's3' as const,
			endpoint: inject('s3Endpoint'),
			region: 'us-east-1',
			bucket: fresh,
			accessKeyId: 'S3RVER',
			secretAccessKey: 'S3RVER',
			forcePathStyle: true
		};
		const first = (await createMediaStore(config)) as S3MediaStore;
		const second = (await createMediaStore(config)) as S3MediaStore;
		opened.push(first, second);
		expect(first.driver).toBe('s3');
		await expect(
			first.client.send(new HeadBucketCommand({ Bucket: fresh }))
		).resolves.toBeDefined();
		await first.put('probe/ok.txt', Buffer.from('ok'), 'text/plain');
		expect((await second.head('probe/ok.txt'))?.bytes).toBe(2);
	});

	it('fails loudly, not with null, when the bucket does not exist', async () => {
		const store = new S3MediaStore(options({ bucket: `missing-${randomUUID()}` }));
		opened.push(store);
		await expect(store.get('a/b.txt')).rejects.toThrow();
		await expect(store.put('a/b.txt', Buffer.from('x'), 'text/plain')).rejects.toThrow();
	});
});
