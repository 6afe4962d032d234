/**
 * BASEMAP_PMTILES end to end: export the embedded basemap as a PMTiles file, import it into a
 * fresh media store with the npm scripts, start a second server (no demo seed, so it is up in
 * seconds) and check that the map draws from the archive by HTTP Range, from our server only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const PORT = 4174;
const BASE = `http://127.0.0.1:${PORT}`;
const DIR = path.resolve('.tmp/e2e-pmtiles');
const KEY = 'basemap/e2e.pmtiles';
const env = {
	...process.env,
	DATABASE_URL: path.join(DIR, 'disan.sqlite'),
	MEDIA_DRIVER: 'local',
	MEDIA_ROOT: path.join(DIR, 'media'),
	SEED_DEMO: 'false',
	BASEMAP_PMTILES: KEY,
	PORT: String(PORT),
	HOST: '127.0.0.1',
	ORIGIN: BASE
};

let server: ChildProcess | undefined;

function run(script: string, args: string[]) {
	const result = spawnSync('node_modules/.bin/tsx', [script, ...args], { env, encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr || result.stdout}`);
	return result.stdout;
}

test.describe('PMTiles basemap (BASEMAP_PMTILES)', () => {
	test.describe.configure({ mode: 'serial', timeout: 120_000 });

	test.beforeAll(async () => {
		rmSync(DIR, { recursive: true, force: true });
		mkdirSync(DIR, { recursive: true });
		const file = path.join(DIR, 'disan-basemap.pmtiles');
		// Zoom 0–6 covers the whole-country view and the Hà Nội view below, in a few seconds.
		run('scripts/basemap-export.ts', ['--out', file, '--maxzoom', '6']);
		expect(run('scripts/basemap-import.ts', [file])).toContain(`as ${KEY}`);

		server = spawn('node', ['build'], { env, stdio: 'ignore' });
		const deadline = Date.now() + 60_000;
		for (;;) {
			const ok = await fetch(`${BASE}/api/health`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			if (Date.now() > deadline || server.exitCode !== null) {
				throw new Error('the PMTiles test server did not start');
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	});

	test.afterAll(() => {
		server?.kill();
	});

	async function openMap(page: Page, query = '') {
		const requests: { url: string; status: number }[] = [];
		page.on('response', (res) => requests.push({ url: res.url(), status: res.status() }));
		await page.goto(`${BASE}/map${query}`);
		await expect(page.locator('.map-view [data-state="idle"]')).toBeAttached({ timeout: 20_000 });
		return requests;
	}

	const rendered = (page: Page, layers: string[]) =>
		page.evaluate(
			(layers) =>
				(
					window as unknown as {
						__disanMap: { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
					}
				).__disanMap.queryRenderedFeatures({ layers }).length,
			layers
		);

	test('the style points at the archive, which answers ranges with 206', async ({ request }) => {
		const style = await (await request.get(`${BASE}/basemap/style.json`)).json();
		expect(style.sources.basemap.url).toBe(`pmtiles://${BASE}/basemap/archive.pmtiles`);
		const res = await request.get(`${BASE}/basemap/archive.pmtiles`, {
			headers: { range: 'bytes=0-6' }
		});
		expect(res.status()).toBe(206);
		expect(await res.text()).toBe('PMTiles');
		expect(res.headers()['accept-ranges']).toBe('bytes');
	});

	test('the map draws Vietnam from the archive, by byte ranges, from our server only', async ({
		page
	}) => {
		const requests = await openMap(page);
		const archive = requests.filter((r) => r.url === `${BASE}/basemap/archive.pmtiles`);
		expect(archive.length).toBeGreaterThan(0);
		expect(archive.every((r) => r.status === 206)).toBe(true);
		// No tile was cut on request: the embedded tile route was never asked.
		expect(requests.filter((r) => r.url.includes('/basemap/tiles/'))).toEqual([]);
		expect(
			requests.filter((r) => !r.url.startsWith(`${BASE}/`) && !r.url.startsWith('data:'))
		).toEqual([]);

		expect(await rendered(page, ['land'])).toBeGreaterThan(0);
		expect(await rendered(page, ['vietnam-outline'])).toBeGreaterThan(0);
		// Place names still come from the archive's places layer, as HTML labels.
		await expect(page.locator('.map-label', { hasText: /^Hà Nội$/ })).toBeVisible();
	});

	test('province borders show when zoomed in on the north', async ({ page }) => {
		await openMap(page, '?z=7&lng=105.85&lat=21.03');
		expect(await rendered(page, ['provinces'])).toBeGreaterThan(0);
	});
});
