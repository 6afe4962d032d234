import { expect, test, type Locator, type Page } from '@playwright/test';
import { findHiddenItemId } from './support/hidden-item';

/** Scrolls each image into view (they are lazy) and checks the browser decoded it. */
async function expectImagesLoaded(images: Locator): Promise<number> {
	const count = await images.count();
	for (let i = 0; i < count; i++) {
		const image = images.nth(i);
		await image.scrollIntoViewIfNeeded();
		await expect
			.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBeGreaterThan(0);
	}
	return count;
}

const cardTitles = (page: Page) => page.locator('.grid article h3').allTextContents();

test.describe('public pages', () => {
	test('home lists the seeded demo records with their images', async ({ page }) => {
		await page.goto('/');
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Di sản văn hóa các dân tộc Việt Nam'
		);
		const cards = page.locator('.grid article');
		await expect(cards).toHaveCount(12);
		expect(await expectImagesLoaded(page.locator('.grid article img'))).toBeGreaterThan(0);
		await expect(page.getByText(/hồ sơ đã công bố/)).toBeVisible();
	});

	test('paging moves through the list with rel=prev/next links', async ({ page }) => {
		await page.goto('/');
		const first = await cardTitles(page);
		await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
		await page.locator('a[rel="next"]').click();
		await expect(page).toHaveURL(/\?page=2$/);
		await expect(page.locator('nav[aria-label="Phân trang"] [aria-current="page"]')).toHaveText(
			'2'
		);
		const second = await cardTitles(page);
		expect(second.length).toBeGreaterThan(0);
		expect(second.filter((title) => first.includes(title))).toEqual([]);
		await page.locator('a[rel="prev"]').click();
		await expect(page).toHaveURL(/\/$/);
		expect(await cardTitles(page)).toEqual(first);
	});

	test('an item page shows the title, an image with alt text and the rights', async ({ page }) => {
		await page.goto('/');
		const firstWithImage = page
			.locator('.grid article')
			.filter({ has: page.locator('img') })
			.first();
		const title = (await firstWithImage.locator('h3').textContent())!.trim();
		await firstWithImage.locator('h3 a').click();
		await expect(page).toHaveURL(/\/items\/\d+$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		await expect(page).toHaveTitle(
			new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — Disan`)
		);
		const image = page.locator('article.item figure img').first();
		await expect(image).toBeVisible();
		expect((await image.getAttribute('alt'))?.trim()).toBeTruthy();
		await expectImagesLoaded(image);
		await expect(page.getByRole('heading', { name: 'Quyền sử dụng' })).toBeVisible();
		await page.getByRole('link', { name: 'Quay lại danh sách' }).first().click();
		await expect(page).toHaveURL(/\/$/);
	});

	test('the language switch changes the UI, is remembered, and switches back', async ({ page }) => {
		await page.goto('/?page=2');
		await page.getByRole('link', { name: 'English' }).click();
		await expect(page).toHaveURL(/\?page=2&lang=en$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			"Cultural heritage of Vietnam's peoples"
		);
		await expect(page.getByRole('link', { name: 'Explore' })).toBeVisible();

		// The cookie keeps English on pages opened without ?lang=.
		await page.locator('.grid article h3 a').first().click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('link', { name: 'Back to the list' }).first()).toBeVisible();

		await page.getByRole('link', { name: 'Tiếng Việt' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page.getByRole('link', { name: 'Quay lại danh sách' }).first()).toBeVisible();
		await page.goto('/');
		await expect(page.getByRole('link', { name: 'Khám phá' })).toBeVisible();
	});

	test('a record that is not published is a 404 page, with a way back', async ({ page }) => {
		const hiddenId = findHiddenItemId();
		const response = await page.goto(`/items/${hiddenId}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang này');
		await expect(page).toHaveTitle(/Lỗi 404/);
		await page.getByRole('link', { name: 'Về danh sách di sản' }).click();
		await expect(page.locator('.grid article').first()).toBeVisible();

		const api = await page.request.get(`/api/items/${hiddenId}`);
		expect(api.status()).toBe(404);
		const list = await (await page.request.get('/api/items?pageSize=100')).json();
		expect(list.items.map((i: { id: number }) => i.id)).not.toContain(hiddenId);
	});
});

test.describe('JSON API', () => {
	test('lists items with resolved and all-language texts', async ({ request }) => {
		const response = await request.get('/api/items?pageSize=5&lang=en');
		expect(response.status()).toBe(200);
		const body = await response.json();
		expect(body).toMatchObject({ page: 1, pageSize: 5, lang: 'en' });
		expect(body.total).toBeGreaterThan(5);
		expect(body.items).toHaveLength(5);
		const [item] = body.items;
		expect(typeof item.title).toBe('string');
		expect(item.localized.title).toHaveProperty('vi');
	});

	for (const [query, status, message] of [
		['pageSize=100000', 400, /pageSize must be a whole number from 1 to 100/],
		['page=0', 400, /page must be/],
		['lang=xx', 400, /^Unsupported language 'xx': use vi or en$/],
		['bbox=1,2,3', 400, /bbox/],
		['kind=castle', 400, /kind/],
		[`q=${'x'.repeat(300)}`, 400, /at most 200 characters/]
	] as const) {
		test(`rejects ${query.slice(0, 30)} with ${status} JSON`, async ({ request }) => {
			const response = await request.get(`/api/items?${query}`);
			expect(response.status()).toBe(status);
			expect(response.headers()['content-type']).toContain('application/json');
			const body = await response.json();
			expect(body.error.status).toBe(status);
			expect(body.error.message).toMatch(message);
		});
	}

	test('rejects bad ids and unknown endpoints with JSON', async ({ request }) => {
		const bad = await request.get('/api/items/abc');
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.message).toMatch(/Item id must be a whole number/);
		const missing = await request.get('/api/items/2147483647');
		expect(missing.status()).toBe(404);
		expect((await missing.json()).error.status).toBe(404);
		const unknown = await request.get('/api/nothing-here');
		expect(unknown.status()).toBe(404);
		expect((await unknown.json()).error.message).toMatch(/No API endpoint/);
		const post = await request.post('/api/items', { data: {} });
		expect([403, 405]).toContain(post.status());
	});

	test('serves media with ETag and byte ranges, and health', async ({ request }) => {
		const list = await (await request.get('/api/items?pageSize=50')).json();
		const url: string = list.items.find((i: { coverUrl: string | null }) => i.coverUrl).coverUrl;
		const full = await request.get(url);
		expect(full.status()).toBe(200);
		const headers = full.headers();
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['accept-ranges']).toBe('bytes');
		expect(headers['etag']).toMatch(/^"[0-9a-f]{64}"$/);
		expect(headers['cache-control']).toContain('max-age');
		const size = (await full.body()).length;

		const part = await request.get(url, { headers: { range: 'bytes=0-99' } });
		expect(part.status()).toBe(206);
		expect(part.headers()['content-range']).toBe(`bytes 0-99/${size}`);
		expect((await part.body()).length).toBe(100);

		const past = await request.get(url, { headers: { range: `bytes=${size}-` } });
		expect(past.status()).toBe(416);
		expect(past.headers()['content-range']).toBe(`bytes */${size}`);

		const cached = await request.get(url, { headers: { 'if-none-match': headers['etag'] } });
		expect(cached.status()).toBe(304);

		expect((await request.get('/media/2147483647')).status()).toBe(404);
		expect((await request.get('/media/xyz')).status()).toBe(400);

		const health = await (await request.get('/api/health')).json();
		expect(health).toEqual({ ok: true, dialect: 'sqlite', media: 'local' });
	});
});
