/**
 * Loads the demo heritage records into the configured database and media store.
 *
 *   npm run seed            # replace the demo records (by slug); other records are untouched
 *   npm run seed -- --reset # empty every table and the media store first
 *
 * Runs under tsx, which does not know SvelteKit's `$lib` alias, so imports are relative.
 */
import { getConfig } from '../src/lib/server/config';
import { createDatabase } from '../src/lib/server/db/create-database';
import { createMediaStore } from '../src/lib/server/media/create-media-store';
import { seedDemo } from '../src/lib/server/services/seed.service';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run seed [-- --reset]';

async function main(argv: string[]): Promise<number> {
	const unknown = argv.filter((a) => a !== '--reset');
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	if (unknown.length > 0) {
		console.error(`Unknown argument ${unknown.join(' ')}. ${USAGE}`);
		return 2;
	}
	const reset = argv.includes('--reset');
	const config = getConfig();
	const where = config.db.dialect === 'sqlite' ? config.db.path : 'PostGIS';
	console.log(
		`Seeding demo data into ${where} (${config.media.driver} media)${reset ? ', reset first' : ''}…`
	);
	const db = await createDatabase(config.db);
	try {
		const media = await createMediaStore(config.media);
		const started = Date.now();
		let last = -1;
		const result = await seedDemo(
			{ db, media },
			{
				reset,
				onProgress(done, total) {
					const pct = Math.floor((done / total) * 10) * 10;
					if (pct !== last) {
						last = pct;
						console.log(`  ${String(pct).padStart(3)}%  ${done}/${total}`);
					}
				}
			}
		);
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		console.log(`Done: ${result.items} records and ${result.media} images in ${seconds} s.`);
		return 0;
	} finally {
		await db.close();
	}
}

runCli(main, 'Seeding failed');
