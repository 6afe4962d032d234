/**
 * Starts s3rver (pure JS, so the S3 suite never skips) on a free loopback port with a temp data
 * folder, and hands its URL to the tests as `inject('s3Endpoint')`. Credentials: S3RVER/S3RVER.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		s3Endpoint: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const directory = await mkdtemp(path.join(tmpdir(), 'disan-s3rver-'));
	const server = new S3rver({
		address: '127.0.0.1',
		port: 0,
		silent: true,
		directory,
		configureBuckets: [{ name: 'disan-test', configs: [] }]
	});
	const { port } = await server.run();
	project.provide('s3Endpoint', `http://127.0.0.1:${port}`);
	return async () => {
		await server.close();
		await rm(directory, { recursive: true, force: true });
	};
}
