/**
 * The item page's location, neighbours, sharing, link previews and printable QR plaque, against
 * the built app and its seeded demo records.
 */
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { E2E_DATABASE, findHiddenItemId } from './support/hidden-item';

const ORIGIN = 'http://127.0.0.1:4173';

/** A published public record with the given precision, read from the e2e server's database. */
function publicItemId(precision: 'exact' | 'approximate' | 'region'): number {
	const db = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare(
				`select i.id from items i
				 where i.status = 'published' and i.visibility = 'public' and i.precision = ?
				   and i.public_lng is not null
				   and exists (select 1 from media m where m.item_id = i.id and m.kind = 'image')
				 order by i.id limit 1`
			)
			.get(precision) as { id: number } | undefined;
		if (!row) throw new Error(`The demo seed has no public ${precision} record with an image`);
		return row.id;
	} finally {
		db.close();
	}
}

type TestMap = {
	queryRenderedFeatures(options: { layers: string[] }): unknown[];
	getZoom(): number;
};

/** True when the page has asked for any part of maplibre or a map resource. */
function watchMapRequests(page: Page): string[] {
	const seen: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (/maplibre|\/basemap\/|\/tiles\/items\//.test(url)) seen.push(url);
	});
	return seen;
}

async function jsonLd(page: Page): Promise<Record<string, unknown>> {
	const text = await page.locator('script[type="application/ld+json"]').textContent();
	return JSON.parse(text ?? 'null');
}

test.describe('item page: location', () => {
	test('the mini-map loads only when scrolled near, centred on the item with a marker', async ({
		page
	}) => {
		const id = publicItemId('exact');
		await page.setViewportSize({ width: 390, height: 640 });
		const mapRequests = watchMapRequests(page);
		await page.goto(`/items/${id}`);
		await page.waitForLoadState('networkidle');

		const miniMap = page.locator('.mini-map');
		await expect(miniMap).toHaveAttribute('data-marker', 'pin');
		const farBelow = await miniMap.evaluate(
			(el) => el.getBoundingClientRect().top > window.innerHeight + 200
		);
		expect(farBelow, 'the mini-map must start below the fold for this test').toBe(true);
		// Nothing map-related was fetched while the map was out of sight.
		expect(mapRequests).toEqual([]);
		await expect(page.locator('.mini-map canvas')).toHaveCount(0);

		await miniMap.scrollIntoViewIfNeeded();
		await expect(page.locator('.mini-map [data-state="ready"]')).toBeAttached({
			timeout: 20_000
		});
		expect(mapRequests.some((url) => url.includes('maplibre'))).toBe(true);
		await expect(page.locator('.mini-map canvas.maplibregl-canvas')).toBeVisible();
		const marker = page.locator('.mini-map .maplibregl-marker');
		await expect(marker).toBeVisible();
		const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
		await expect(marker).toHaveAttribute('aria-label', `Vị trí của ${title}`);
		const zoom = await page.evaluate(() =>
			(window as unknown as { __disanMiniMap: TestMap }).__disanMiniMap.getZoom()
		);
		expect(zoom).toBeGreaterThanOrEqual(14);

		const bigMap = page.getByRole('link', { name: 'Mở trên bản đồ lớn' });
		await expect(bigMap).toHaveAttribute(
			'href',
			new RegExp(`^/map\\?z=14&lng=[\\d.]+&lat=[\\d.]+&item=${id}$`)
		);
		await bigMap.click();
		await expect(page).toHaveURL(new RegExp(`/map\\?.*item=${id}`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bản đồ di sản');
	});

	test('a generalised location is an area circle at a wider zoom, not a pin', async ({ page }) => {
		const id = publicItemId('region');
		await page.goto(`/items/${id}`);
		const miniMap = page.locator('.mini-map');
		await expect(miniMap).toHaveAttribute('data-marker', 'area');
		await miniMap.scrollIntoViewIfNeeded();
		await expect(page.locator('.mini-map [data-state="ready"]')).toBeAttached({
			timeout: 20_000
		});
		await expect(page.locator('.mini-map .maplibregl-marker')).toHaveCount(0);
		const area = await page.evaluate(() => {
			const map = (window as unknown as { __disanMiniMap: TestMap }).__disanMiniMap;
			return {
				features: map.queryRenderedFeatures({ layers: ['item-area-fill'] }).length,
				zoom: map.getZoom()
			};
		});
		expect(area.features).toBeGreaterThan(0);
		expect(area.zoom).toBeLessThan(12);
		await expect(page.getByText(/Vòng tròn chỉ khu vực gần đúng/)).toBeVisible();
	});

	test('a hidden location shows no map and no neighbours, only a sentence', async ({ page }) => {
		const id = publicItemId('approximate');
		// The demo seed publishes no hidden location: hide one for this test, then restore it.
		const db = new Database(E2E_DATABASE, { fileMustExist: true });
		const before = db
			.prepare('select precision, public_lng, public_lat from items where id = ?')
			.get(id) as { precision: string; public_lng: number; public_lat: number };
		db.prepare(
			`update items set precision = 'hidden', public_lng = null, public_lat = null where id = ?`
		).run(id);
		try {
			await page.goto(`/items/${id}`);
			await expect(
				page.getByText('Vị trí của di sản này được giữ kín theo yêu cầu của cộng đồng', {
					exact: false
				})
			).toBeVisible();
			await expect(page.locator('.mini-map')).toHaveCount(0);
			await expect(page.getByRole('heading', { name: 'Di sản lân cận' })).toHaveCount(0);
			await expect(page.getByRole('link', { name: 'Mở trên bản đồ lớn' })).toHaveCount(0);
			const data = await jsonLd(page);
			expect(JSON.stringify(data)).not.toContain('GeoCoordinates');
		} finally {
			db.prepare('update items set precision = ?, public_lng = ?, public_lat = ? where id = ?').run(
				before.precision,
				before.public_lng,
				before.public_lat,
				id
			);
			db.close();
		}
	});
});

test.describe('item page: nearby, share, previews', () => {
	test('nearby records are cards with distances, nearest first, that open', async ({ page }) => {
		const id = publicItemId('exact');
		await page.goto(`/items/${id}`);
		const section = page.locator('section.nearby');
		await expect(section.getByRole('heading', { name: 'Di sản lân cận' })).toBeVisible();
		const cards = section.locator('li');
		expect(await cards.count()).toBeGreaterThan(0);
		const distances = await section.locator('.distance').allTextContents();
		for (const text of distances) expect(text.trim()).toMatch(/^Cách \d+(,\d)? (km|m)\b/);
		const km = distances.map((text) => {
			const [, value, unit] = text.match(/Cách ([\d,]+) (km|m)/)!;
			return Number(value.replace(',', '.')) / (unit === 'm' ? 1000 : 1);
		});
		expect(km).toEqual([...km].sort((a, b) => a - b));

		const first = cards.first().locator('h3 a');
		const title = (await first.textContent())!.trim();
		const href = await first.getAttribute('href');
		expect(href).toMatch(/^\/items\/\d+$/);
		expect(href).not.toBe(`/items/${id}`);
		await first.click();
		await expect(page).toHaveURL(new RegExp(`${href}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	});

	test('share copies the item link and says so', async ({ browser }) => {
		const context = await browser.newContext({
			locale: 'vi-VN',
			permissions: ['clipboard-read', 'clipboard-write']
		});
		// Desktop Chromium on Linux has no share sheet; make sure of it so the copy path runs.
		await context.addInitScript(() => {
			Object.defineProperty(Navigator.prototype, 'share', { value: undefined });
		});
		const page = await context.newPage();
		const id = publicItemId('exact');
		await page.goto(`/items/${id}`);
		await page.getByRole('button', { name: 'Chia sẻ' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Đã sao chép' })).toHaveText(
			'Đã sao chép liên kết vào bộ nhớ tạm.'
		);
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${ORIGIN}/items/${id}`);
		await context.close();
	});

	test('OpenGraph, Twitter, canonical, hreflang and JSON-LD describe the record', async ({
		page,
		request
	}) => {
		const id = publicItemId('exact');
		await page.goto(`/items/${id}`);
		const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
		const meta = (key: string) =>
			page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute('content');

		expect(await meta('og:title')).toBe(title);
		expect(await meta('og:locale')).toBe('vi_VN');
		expect(await meta('og:type')).toBe('article');
		expect(await meta('og:url')).toBe(`${ORIGIN}/items/${id}?lang=vi`);
		expect((await meta('og:description'))?.length).toBeGreaterThan(10);
		expect(await meta('twitter:card')).toBe('summary_large_image');
		const image = (await meta('og:image'))!;
		expect(image).toMatch(new RegExp(`^${ORIGIN}/media/\\d+$`));
		const imageResponse = await request.get(image);
		expect(imageResponse.status()).toBe(200);
		expect(imageResponse.headers()['content-type']).toMatch(/^image\//);

		await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
			'href',
			`${ORIGIN}/items/${id}?lang=vi`
		);
		const alternates = await page
			.locator('link[rel="alternate"][hreflang]')
			.evaluateAll((links) =>
				links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])
			);
		expect(alternates).toEqual([
			['vi', `${ORIGIN}/items/${id}?lang=vi`],
			['en', `${ORIGIN}/items/${id}?lang=en`],
			['x-default', `${ORIGIN}/items/${id}`]
		]);

		await expect(page.locator('script[type="application/ld+json"]')).toHaveCount(1);
		const data = await jsonLd(page);
		expect(data).toMatchObject({
			'@context': 'https://schema.org',
			name: title,
			url: `${ORIGIN}/items/${id}?lang=vi`,
			image
		});
		expect(['LandmarksOrHistoricalBuildings', 'Event', 'CreativeWork']).toContain(data['@type']);
		expect(JSON.stringify(data)).toMatch(/"@type":"GeoCoordinates","latitude":[\d.]+/);
		expect(JSON.stringify(data)).toMatch(/creativecommons\.org|rightsstatements\.org/);

		await page.goto(`/items/${id}?lang=en`);
		expect(await meta('og:locale')).toBe('en_US');
		expect(await meta('og:locale:alternate')).toBe('vi_VN');
		await expect(page.locator('link[rel="canonical"]')).toHaveAttribute(
			'href',
			`${ORIGIN}/items/${id}?lang=en`
		);
	});
});

test.describe('item QR plaque', () => {
	test('prints a bilingual plaque whose QR code opens the item', async ({ page }) => {
		const id = publicItemId('exact');
		await page.goto(`/items/${id}`);
		const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
		await page.getByRole('link', { name: 'Mã QR để in' }).click();
		await expect(page).toHaveURL(new RegExp(`/items/${id}/qr$`));

		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page.getByText('Quét mã để xem hồ sơ di sản')).toBeVisible();
		await expect(page.getByText('Scan to open this heritage record')).toBeVisible();
		await expect(page.locator('.plaque .link')).toHaveText(`127.0.0.1:4173/items/${id}`);
		const code = page.getByRole('img', { name: `Mã QR dẫn tới ${ORIGIN}/items/${id}` });
		await expect(code).toBeVisible();

		// A real decode of what the reader's screen (and the printer) gets.
		const shot = await code.screenshot();
		const { data, info } = await sharp(shot)
			.ensureAlpha()
			.raw()
			.toBuffer({ resolveWithObject: true });
		const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
		expect(decoded?.data).toBe(`${ORIGIN}/items/${id}`);

		await page.emulateMedia({ media: 'print' });
		await expect(page.locator('.site-header')).toBeHidden();
		await expect(page.locator('.site-footer')).toBeHidden();
		await expect(page.getByRole('button', { name: 'In trang này' })).toBeHidden();
		await expect(page.locator('.plaque')).toBeVisible();
		await expect(code).toBeVisible();
		const pdf = await page.pdf({ preferCSSPageSize: true });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

		const svg = await page.request.get(`/items/${id}/qr.svg`);
		expect(svg.status()).toBe(200);
		expect(svg.headers()['content-type']).toContain('image/svg+xml');
		expect(svg.headers()['content-disposition']).toContain(`disan-item-${id}-qr.svg`);
		expect(await svg.text()).toContain('<svg');
	});

	test('a restricted record has no QR page, no QR file and no neighbours', async ({ page }) => {
		const hiddenId = findHiddenItemId();
		const response = await page.goto(`/items/${hiddenId}/qr`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang này');
		await expect(page.locator('.plaque svg')).toHaveCount(0);
		const svg = await page.request.get(`/items/${hiddenId}/qr.svg`);
		expect(svg.status()).toBe(404);
		expect(await svg.text()).not.toContain('<svg');
		const bad = await page.request.get('/items/abc/qr');
		expect(bad.status()).toBe(400);
	});
});
