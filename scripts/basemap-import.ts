/**
 * Copies a PMTiles file into the configured media store (local disk or S3), after checking it
 * is a PMTiles v3 archive the map can draw, and prints the BASEMAP_PMTILES setting to use.
 *
 *   npm run basemap:import -- vietnam.pmtiles                 # key basemap/vietnam.pmtiles
 *   npm run basemap:import -- vietnam.pmtiles --key basemap/vn-2026.pmtiles
 *
 * With BASEMAP_PMTILES already set and no --key, that key is (re)written.
 * Runs under tsx, which does not know SvelteKit's `$lib` alias, so imports are relative.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PMTILES_CONTENT_TYPE } from '../src/lib/server/basemap/basemap.service';
import { describeArchive, NodeFileSource } from '../src/lib/server/basemap/pmtiles-archive';
import { getConfig } from '../src/lib/server/config';
import { createMediaStore } from '../src/lib/server/media/create-media-store';
import { assertMediaKey } from '../src/lib/server/media/media-store';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run basemap:import -- <file.pmtiles> [--key basemap/<name>.pmtiles]';

/** basemap/<file name>, lowercased, with anything a media key refuses turned into '-'. */
function defaultKey(file: string): string {
	const name = path
		.basename(file)
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, '-')
		.replace(/^[^a-z0-9]+/, '');
	return `basemap/${name || 'archive.pmtiles'}`;
}

async function main(argv: string[]): Promise<number> {
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	const keyAt = argv.indexOf('--key');
	const explicitKey = keyAt >= 0 ? argv[keyAt + 1] : undefined;
	const files = keyAt >= 0 ? argv.filter((_, i) => i !== keyAt && i !== keyAt + 1) : argv;
	if (files.length !== 1 || files[0].startsWith('-') || (keyAt >= 0 && !explicitKey)) {
		console.error(USAGE);
		return 2;
	}
	const file = files[0];
	const info = await stat(file).catch(() => null);
	if (!info?.isFile()) {
		console.error(`No file at ${file}. ${USAGE}`);
		return 2;
	}
	const archive = await describeArchive(new NodeFileSource(file));
	const config = getConfig();
	const key = explicitKey ?? config.basemapPmtiles ?? defaultKey(file);
	assertMediaKey(key);

	const store = await createMediaStore(config.media);
	try {
		const stored = await store.put(key, createReadStream(file), PMTILES_CONTENT_TYPE);
		console.log(
			`Stored ${file} as ${key} in the ${config.media.driver} media store: ${(stored.bytes / 1e6).toFixed(1)} MB, ` +
				`${archive.schema} tiles, zoom ${archive.minzoom}–${archive.maxzoom}, bounds ${archive.bounds.join(', ')}.`
		);
		if (config.basemapPmtiles !== key) console.log(`Now set BASEMAP_PMTILES=${key} and restart.`);
	} finally {
		store.close?.();
	}
	return 0;
}

runCli(main);
