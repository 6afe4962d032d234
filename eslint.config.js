import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const DRIVERS = ['better-sqlite3', 'pg', 'pg-*', 'drizzle-orm', 'drizzle-orm/*', '@aws-sdk/*'];

export default defineConfig(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'package/',
			'db/migrations/',
			'media/',
			'.tmp/',
			'test-results/',
			'playwright-report/',
			// Kept bench databases and throw-away bench scripts (git-ignored).
			'tests/bench/.data/'
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node }
		},
		rules: {
			// TypeScript already reports undefined names, and knows the Svelte/Kit globals.
			'no-undef': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig }
		}
	},
	{
		// Layer fence: routes are HTTP only; they reach storage through services, never directly.
		files: ['src/routes/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/db/sqlite', '**/db/sqlite/**', '**/db/postgis', '**/db/postgis/**'],
							message: 'Routes call services; only the container picks a database dialect.'
						},
						{ group: DRIVERS, message: 'Routes never talk to drivers; call a service.' }
					]
				}
			]
		}
	},
	{
		// Layer fence: services hold rules and speak only to ports.
		files: ['src/lib/server/services/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: DRIVERS,
							message: 'Services use the ports in db/ports.ts and media/media-store.ts.'
						}
					]
				}
			]
		}
	}
);
