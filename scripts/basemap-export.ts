/**
 * Writes the embedded basemap (Natural Earth land, countries, borders, province borders and
 * place names) as one PMTiles file, to serve as a static archive with BASEMAP_PMTILES.
 *
 *   npm run basemap:export -- [--out disan-basemap.pmtiles] [--maxzoom 10]
 *   npm run basemap:import -- disan-basemap.pmtiles
 *
 * Zoom 10 (the default, as deep as the embedded tiles go; the map overzooms past it) is about
 * 33,000 tiles: ~25 s and 2.5 MB on a 2-core machine. A smaller --maxzoom gives a smaller file.
 *
 * Runs under tsx, which does not know SvelteKit's `$lib` alias, so imports are relative.
 */
import { writeFile } from 'node:fs/promises';
import {
	DEFAULT_EXPORT_MAX_ZOOM,
	exportEmbeddedBasemap
} from '../src/lib/server/basemap/basemap-export';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run basemap:export -- [--out <file.pmtiles>] [--maxzoom <0-10>]';

function parseArgs(argv: string[]): { out: string; maxzoom: number } | string {
	let out = 'disan-basemap.pmtiles';
	let maxzoom = DEFAULT_EXPORT_MAX_ZOOM;
	for (let i = 0; i < argv.length; i++) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (flag === '--out' && value) out = value;
		else if (flag === '--maxzoom' && /^\d+$/.test(value ?? '')) maxzoom = Number(value);
		else return `Unknown or incomplete argument ${flag}. ${USAGE}`;
		i++;
	}
	return { out, maxzoom };
}

async function main(argv: string[]): Promise<number> {
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(USAGE);
		return 0;
	}
	const args = parseArgs(argv);
	if (typeof args === 'string') {
		console.error(args);
		return 2;
	}
	const started = Date.now();
	let reported = 0;
	const archive = await exportEmbeddedBasemap({
		maxzoom: args.maxzoom,
		onProgress(done, total) {
			if (done === total || Date.now() - reported > 5000) {
				reported = Date.now();
				console.log(`[basemap] ${done}/${total} tiles`);
			}
		}
	});
	await writeFile(args.out, archive);
	console.log(
		`Wrote ${args.out}: ${(archive.length / 1e6).toFixed(1)} MB, zoom 0–${args.maxzoom}, in ${((Date.now() - started) / 1000).toFixed(0)} s.`
	);
	return 0;
}

runCli(main);
