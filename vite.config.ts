import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		// Under CI the JSON report feeds the one-line summary that .ci/run prints.
		reporters: process.env.CI
			? ['default', ['json', { outputFile: '.tmp/reports/vitest.json' }]]
			: ['default'],
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'contract',
					include: ['tests/contract/**/*.spec.ts'],
					environment: 'node',
					globalSetup: [
						'tests/support/global-setup.postgis.ts',
						'tests/support/global-setup.s3.ts'
					],
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
