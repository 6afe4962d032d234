import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalDiskMediaStore } from '../../src/lib/server/media/local-disk.media-store';
import { mediaStoreContract } from './media-store.contract';

mediaStoreContract('local-disk', async () => {
	const dir = await mkdtemp(path.join(tmpdir(), 'disan-media-'));
	const store = new LocalDiskMediaStore(dir);
	await store.init();
	return {
		store,
		strayFiles: () => store.tempFiles(),
		close: () => rm(dir, { recursive: true, force: true })
	};
});
