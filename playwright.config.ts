import { defineConfig } from '@playwright/test';

const PORT = 4173;
const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Removed before every run, so the server's first start on an empty database seeds the demo. */
const E2E_DIR = '.tmp/e2e';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	outputDir: 'test-results',
	fullyParallel: false,
	// Two shared cores: one browser at a time keeps timings honest.
	workers: 1,
	retries: process.env.CI ? 1 : 0,
	forbidOnly: !!process.env.CI,
	// Under CI the JSON report feeds the one-line summary that .ci/run prints.
	reporter: process.env.CI
		? [['list'], ['json', { outputFile: '.tmp/reports/playwright.json' }]]
		: 'list',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	use: {
		browserName: 'chromium',
		baseURL: BASE_URL,
		locale: 'vi-VN',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		// Needs a prior `npm run build`.
		command: `rm -rf ${E2E_DIR} && node build`,
		url: `${BASE_URL}/api/health`,
		reuseExistingServer: false,
		// The first start migrates and seeds the demo records (images included) before listening.
		timeout: 240_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: BASE_URL,
			DATABASE_URL: `${E2E_DIR}/disan.sqlite`,
			MEDIA_DRIVER: 'local',
			MEDIA_ROOT: `${E2E_DIR}/media`,
			SEED_DEMO: 'true'
		}
	}
});
