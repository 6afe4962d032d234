/**
 * Media in any S3 API (MinIO in production, s3rver in tests). SHA-256 is computed while the
 * bytes go up and kept as object metadata (`x-amz-meta-sha256`) so head() can return it.
 *
 * Streams are cut into parts as they arrive: a body that ends within the first part becomes one
 * PutObject; a longer one a multipart upload (aborted on any failure, so no partial object
 * appears). @aws-sdk/lib-storage is not a dependency, hence the small manual multipart here.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
	AbortMultipartUploadCommand,
	CompleteMultipartUploadCommand,
	CopyObjectCommand,
	CreateBucketCommand,
	CreateMultipartUploadCommand,
	DeleteObjectCommand,
	GetObjectCommand,
	HeadBucketCommand,
	HeadObjectCommand,
	ListObjectsV2Command,
	PutObjectCommand,
	S3Client,
	UploadPartCommand,
	type CompletedPart
} from '@aws-sdk/client-s3';
import { assertByteRange, assertContentType, assertMediaPrefix } from './media-input';
import {
	assertMediaKey,
	RangeNotSatisfiableError,
	type ByteRange,
	type MediaStore,
	type ObjectBody,
	type ObjectHead,
	type StoredObject
} from './media-store';

export interface S3MediaStoreOptions {
	endpoint?: string;
	region: string;
	bucket: string;
	credentials?: { accessKeyId: string; secretAccessKey: string };
	forcePathStyle?: boolean;
	/** Bytes per multipart part; S3 needs at least 5 MiB for every part but the last. */
	partSize?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** S3's CopyObject limit: larger objects keep their SHA-256 only in our database. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

interface SdkError {
	name?: string;
	$metadata?: { httpStatusCode?: number };
}

function isNotFound(err: unknown): boolean {
	const e = err as SdkError;
	// NoSuchBucket is also a 404, but it is a misconfiguration, not an absent object.
	if (e.name === 'NoSuchBucket') return false;
	return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}

function isInvalidRange(err: unknown): boolean {
	const e = err as SdkError;
	return e.name === 'InvalidRange' || e.$metadata?.httpStatusCode === 416;
}

/** `bytes 4-12/28` → { start: 4, end: 12, size: 28 }. */
export function parseContentRange(
	value: string | undefined
): { start: number; end: number; size: number } | null {
	const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? '');
	return m ? { start: Number(m[1]), end: Number(m[2]), size: Number(m[3]) } : null;
}

export class S3MediaStore implements MediaStore {
	readonly driver = 's3';
	readonly bucket: string;
	/** Public so routes can presign URLs with the same endpoint and credentials. */
	readonly client: S3Client;
	private readonly partSize: number;

	constructor(options: S3MediaStoreOptions) {
		this.bucket = options.bucket;
		this.partSize = Math.max(options.partSize ?? DEFAULT_PART_SIZE, 5 * 1024 * 1024);
		this.client = new S3Client({
			endpoint: options.endpoint,
			region: options.region,
			credentials: options.credentials,
			forcePathStyle: options.forcePathStyle ?? true,
			// We compute SHA-256 ourselves; the SDK's default CRC trailers (aws-chunked bodies)
			// are not understood by every S3-compatible server.
			requestChecksumCalculation: 'WHEN_REQUIRED',
			responseChecksumValidation: 'WHEN_REQUIRED'
		});
	}

	/** Creates the bucket when missing; run once at start-up. */
	async ensureBucket(): Promise<void> {
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
			return;
		} catch (err) {
			if ((err as SdkError).$metadata?.httpStatusCode !== 404) throw err;
		}
		try {
			await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
		} catch (err) {
			if ((err as SdkError).name !== 'BucketAlreadyOwnedByYou') throw err;
		}
	}

	/** Closes the HTTP connections (tests, shutdown). */
	close(): void {
		this.destroy();
	}

	destroy(): void {
		this.client.destroy();
	}

	async put(key: string, body: Readable | Buffer, contentType: string): Promise<StoredObject> {
		try {
			assertMediaKey(key);
			assertContentType(contentType);
			if (Buffer.isBuffer(body)) return await this.putSingle(key, body, contentType);
			return await this.putStream(key, body, contentType);
		} catch (err) {
			// Whatever failed, the caller's stream must not stay paused with nobody reading it.
			if (!Buffer.isBuffer(body) && !body.destroyed) body.destroy();
			throw err;
		}
	}

	async get(key: string, range?: ByteRange): Promise<ObjectBody | null> {
		assertMediaKey(key);
		if (range) assertByteRange(range);
		let res;
		try {
			res = await this.client.send(
				new GetObjectCommand({
					Bucket: this.bucket,
					Key: key,
					Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined
				})
			);
		} catch (err) {
			if (isNotFound(err)) return null;
			if (isInvalidRange(err)) {
				const head = await this.head(key);
				if (!head) return null;
				throw new RangeNotSatisfiableError(head.bytes);
			}
			throw err;
		}
		if (!(res.Body instanceof Readable)) throw new Error('S3 returned no readable body');
		const served = range ? parseContentRange(res.ContentRange) : null;
		if (range && !served) {
			res.Body.destroy();
			throw new Error(`S3 ignored the Range header for ${key}`);
		}
		// Some S3 look-alikes (s3rver) answer a range on an empty object with `bytes 0-0/0`
		// instead of 416: a range not inside the object is unsatisfiable whatever the status.
		if (served && served.end >= served.size) {
			res.Body.destroy();
			throw new RangeNotSatisfiableError(served.size);
		}
		const head: ObjectHead = {
			key,
			bytes: served ? served.size : (res.ContentLength ?? 0),
			contentType: res.ContentType ?? 'application/octet-stream',
			sha256: res.Metadata?.sha256 ?? null,
			lastModified: res.LastModified ?? new Date(0)
		};
		return {
			head,
			range: served ? { start: served.start, end: served.end } : null,
			stream: res.Body
		};
	}

	async head(key: string): Promise<ObjectHead | null> {
		assertMediaKey(key);
		try {
			const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
			return {
				key,
				bytes: res.ContentLength ?? 0,
				contentType: res.ContentType ?? 'application/octet-stream',
				sha256: res.Metadata?.sha256 ?? null,
				lastModified: res.LastModified ?? new Date(0)
			};
		} catch (err) {
			if (isNotFound(err)) return null;
			throw err;
		}
	}

	async delete(key: string): Promise<void> {
		assertMediaKey(key);
		try {
			await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
		} catch (err) {
			if (!isNotFound(err)) throw err;
		}
	}

	async *list(prefix: string): AsyncIterable<string> {
		assertMediaPrefix(prefix);
		let token: string | undefined;
		do {
			const page = await this.client.send(
				new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })
			);
			for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
			token = page.IsTruncated ? page.NextContinuationToken : undefined;
		} while (token);
	}

	private async putSingle(key: string, body: Buffer, contentType: string): Promise<StoredObject> {
		const sha256 = createHash('sha256').update(body).digest('hex');
		await this.client.send(
			new PutObjectCommand({
				Bucket: this.bucket,
				Key: key,
				Body: body,
				ContentLength: body.length,
				ContentType: contentType,
				Metadata: { sha256 }
			})
		);
		return { key, bytes: body.length, sha256, contentType };
	}

	private async putStream(key: string, body: Readable, contentType: string): Promise<StoredObject> {
		const hash = createHash('sha256');
		let pending: Buffer[] = [];
		let pendingBytes = 0;
		let bytes = 0;
		let uploadId: string | undefined;
		const parts: CompletedPart[] = [];
		try {
			for await (const chunk of body as AsyncIterable<Buffer | string>) {
				const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				hash.update(buf);
				bytes += buf.length;
				pending.push(buf);
				pendingBytes += buf.length;
				while (pendingBytes >= this.sizeOfPart(parts.length + 1)) {
					const all = Buffer.concat(pending, pendingBytes);
					const size = this.sizeOfPart(parts.length + 1);
					uploadId ??= await this.startMultipart(key, contentType);
					parts.push(await this.uploadPart(key, uploadId, parts.length + 1, all.subarray(0, size)));
					pending = pendingBytes > size ? [all.subarray(size)] : [];
					pendingBytes -= size;
				}
			}
			const rest = Buffer.concat(pending, pendingBytes);
			if (uploadId === undefined) return await this.putSingle(key, rest, contentType);
			if (rest.length > 0) parts.push(await this.uploadPart(key, uploadId, parts.length + 1, rest));
			await this.client.send(
				new CompleteMultipartUploadCommand({
					Bucket: this.bucket,
					Key: key,
					UploadId: uploadId,
					MultipartUpload: { Parts: parts }
				})
			);
		} catch (err) {
			if (uploadId !== undefined) await this.abortQuietly(key, uploadId);
			throw err;
		}
		const sha256 = hash.digest('hex');
		await this.recordSha256(key, contentType, sha256, bytes);
		return { key, bytes, sha256, contentType };
	}

	/** Parts grow every 1000 so the 10 000-part limit allows ~430 GiB with 8 MiB parts. */
	private sizeOfPart(partNumber: number): number {
		return this.partSize * Math.ceil(partNumber / 1000);
	}

	private async startMultipart(key: string, contentType: string): Promise<string> {
		const res = await this.client.send(
			new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key, ContentType: contentType })
		);
		if (!res.UploadId) throw new Error('S3 did not return an UploadId');
		return res.UploadId;
	}

	private async uploadPart(
		key: string,
		uploadId: string,
		partNumber: number,
		body: Buffer
	): Promise<CompletedPart> {
		const res = await this.client.send(
			new UploadPartCommand({
				Bucket: this.bucket,
				Key: key,
				UploadId: uploadId,
				PartNumber: partNumber,
				Body: body,
				ContentLength: body.length
			})
		);
		return { ETag: res.ETag, PartNumber: partNumber };
	}

	private async abortQuietly(key: string, uploadId: string): Promise<void> {
		try {
			await this.client.send(
				new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })
			);
		} catch {
			// The original error matters more; a bucket lifecycle rule sweeps stale uploads.
		}
	}

	/**
	 * Metadata of a multipart upload is fixed before its bytes are seen, so the checksum is
	 * added afterwards by copying the object onto itself. The object is already complete and
	 * readable; only its sha256 is briefly missing (head() then reports null, as the port allows).
	 */
	private async recordSha256(
		key: string,
		contentType: string,
		sha256: string,
		bytes: number
	): Promise<void> {
		if (bytes > MAX_COPY_BYTES) return;
		await this.client.send(
			new CopyObjectCommand({
				Bucket: this.bucket,
				Key: key,
				CopySource: `${this.bucket}/${key}`,
				MetadataDirective: 'REPLACE',
				ContentType: contentType,
				Metadata: { sha256 }
			})
		);
	}
}
