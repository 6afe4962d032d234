/**
 * Builds the configured media store and makes it ready to use: the local root's folders exist
 * (and stale temp files are swept), or the S3 bucket exists. Called once at start-up.
 */
import type { MediaConfig } from '../config';
import { LocalDiskMediaStore } from './local-disk.media-store';
import type { MediaStore } from './media-store';

export async function createMediaStore(config: MediaConfig): Promise<MediaStore> {
	switch (config.driver) {
		case 'local': {
			const store = new LocalDiskMediaStore(config.root);
			await store.init();
			return store;
		}
		case 's3': {
			// Loaded only when configured: the embedded default never pulls in the AWS SDK.
			const { S3MediaStore } = await import('./s3.media-store');
			const { accessKeyId, secretAccessKey } = config;
			const store = new S3MediaStore({
				endpoint: config.endpoint,
				region: config.region,
				bucket: config.bucket,
				// Without explicit keys the SDK's default chain (env, instance role) applies.
				credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
				forcePathStyle: config.forcePathStyle
			});
			await store.ensureBucket();
			return store;
		}
		default: {
			const unknown: never = config;
			throw new Error(`Unknown media driver: ${JSON.stringify(unknown)}`);
		}
	}
}
