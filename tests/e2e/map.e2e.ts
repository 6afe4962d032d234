import { expect, test, type Page } from '@playwright/test';

/** The map instance the page exposes for tests (see MapView.svelte). */
type TestMap = {
	queryRenderedFeatures(options: { layers: string[] }): { properties: Record<string, unknown> }[];
	getZoom(): number;
	getCenter(): { lng: number; lat: number };
};

async function waitForIdleMap(page: Page) {
	await expect(page.locator('.map-view [data-state="idle"]')).toBeAttached({ timeout: 20_000 });
	await expect(page.locator('canvas.maplibregl-canvas')).toBeVisible();
}

function rendered(page: Page, layers: string[]) {
	return page.evaluate(
		(layers) =>
			(window as unknown as { __disanMap: TestMap }).__disanMap
				.queryRenderedFeatures({ layers })
				.map((f) => f.properties),
		layers
	);
}

test.describe('map page', () => {
	test('the server-rendered list and map shell show without any script', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
		const page = await context.newPage();
		await page.goto('/map');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bản đồ di sản');
		const links = page.locator('.results li a');
		await expect(links).toHaveCount(20);
		await expect(links.first()).toHaveAttribute('href', /\/items\/\d+$/);
		await expect(page.getByRole('region', { name: 'Bản đồ di sản Việt Nam' })).toBeAttached();
		await expect(page.getByText('Đang tải bản đồ…')).toBeVisible();
		await expect(page.getByRole('link', { name: 'Bản đồ' })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await context.close();
	});

	test('the offline basemap draws Vietnam with its labels, from our own server only', async ({
		page
	}) => {
		const foreign: string[] = [];
		page.on('request', (request) => {
			if (
				!request.url().startsWith('http://127.0.0.1:4173/') &&
				!request.url().startsWith('data:')
			) {
				foreign.push(request.url());
			}
		});
		await page.goto('/map');
		await waitForIdleMap(page);

		const land = await rendered(page, ['land']);
		expect(land.length).toBeGreaterThan(0);
		const countries = await rendered(page, ['countries']);
		expect(countries.some((p) => p.vietnam === true && p.name === 'Vietnam')).toBe(true);
		expect(countries.map((p) => p.name)).toEqual(expect.arrayContaining(['Laos', 'Cambodia']));

		// Labels are HTML (no glyph downloads): the capital and the archipelagos in Vietnamese.
		await expect(page.locator('.map-label', { hasText: /^Hà Nội$/ })).toBeVisible();
		await expect(page.locator('.map-label', { hasText: 'Quần đảo Trường Sa' })).toBeVisible();
		expect(foreign).toEqual([]);
	});

	test('records from the item tiles appear; a cluster button zooms in', async ({
		page,
		request
	}) => {
		const probe = await request.get('/tiles/items/0/0/0.mvt');
		test.skip(probe.status() === 404, 'the /tiles/items route has not landed yet');
		await page.goto('/map');
		await waitForIdleMap(page);
		const items = await rendered(page, ['items-clusters', 'items-points']);
		expect(items.length).toBeGreaterThan(0);

		const cluster = page.locator('button.map-cluster').first();
		await expect(cluster).toBeVisible();
		await expect(cluster).toHaveAccessibleName(/hồ sơ ở đây/);
		const before = await page.evaluate(() =>
			(window as unknown as { __disanMap: TestMap }).__disanMap.getZoom()
		);
		await cluster.focus();
		await page.keyboard.press('Enter');
		await expect
			.poll(() =>
				page.evaluate(() => (window as unknown as { __disanMap: TestMap }).__disanMap.getZoom())
			)
			.toBeGreaterThan(before + 1);
		await expect(page).toHaveURL(/[?&]z=\d/);
	});

	test('clicking a single record opens a preview card linking to it', async ({ page, request }) => {
		const probe = await request.get('/tiles/items/0/0/0.mvt');
		test.skip(probe.status() === 404, 'the /tiles/items route has not landed yet');
		// Hà Nội at zoom 14: the demo's records there are single points, not clusters.
		await page.goto('/map?z=14&lng=105.85&lat=21.03');
		await waitForIdleMap(page);
		const point = await page.evaluate(() => {
			const map = (
				window as unknown as {
					__disanMap: TestMap & { project(p: number[]): { x: number; y: number } };
				}
			).__disanMap;
			const features = map.queryRenderedFeatures({ layers: ['items-points'] }) as unknown as {
				geometry: { coordinates: number[] };
			}[];
			return features.length ? map.project(features[0].geometry.coordinates) : null;
		});
		test.skip(point === null, 'no single record in view at this zoom in the demo data');
		await page.locator('canvas.maplibregl-canvas').click({ position: point! });
		const card = page.getByRole('dialog');
		await expect(card).toBeVisible();
		await expect(card.getByRole('link', { name: 'Xem hồ sơ' })).toHaveAttribute(
			'href',
			/\/items\/\d+$/
		);
		await card.getByRole('button', { name: 'Đóng thẻ xem trước' }).click();
		await expect(card).toHaveCount(0);
	});

	test('the view is kept in the URL and restored after a reload', async ({ page }) => {
		await page.goto('/map');
		await waitForIdleMap(page);
		await page.getByRole('button', { name: 'Phóng to', exact: true }).click();
		await expect(page).toHaveURL(/[?&]z=[\d.]+&lng=[\d.-]+&lat=[\d.-]+/);
		const url = new URL(page.url());
		const z = Number(url.searchParams.get('z'));
		const lng = Number(url.searchParams.get('lng'));

		await page.reload();
		await waitForIdleMap(page);
		const view = await page.evaluate(() => {
			const map = (window as unknown as { __disanMap: TestMap }).__disanMap;
			return { zoom: map.getZoom(), lng: map.getCenter().lng };
		});
		expect(view.zoom).toBeCloseTo(z, 1);
		expect(view.lng).toBeCloseTo(lng, 3);
	});

	test('a bad basemap tile address is a 400 with a message, not a 500', async ({ request }) => {
		const res = await request.get('/basemap/tiles/3/99/0.mvt');
		expect(res.status()).toBe(400);
		expect((await res.json()).error.message).toMatch(/between 0 and 7/);
		const tile = await request.get('/basemap/tiles/5/25/14.mvt');
		expect(tile.status()).toBe(200);
		expect(tile.headers()['content-type']).toBe('application/vnd.mapbox-vector-tile');
		const etag = tile.headers()['etag'];
		const again = await request.get('/basemap/tiles/5/25/14.mvt', {
			headers: { 'if-none-match': etag }
		});
		expect(again.status()).toBe(304);
	});
});
