/**
 * Where a SQLite bulk import spends its time: `npx tsx tests/bench/sqlite-load-profile.ts [N]`
 * (default 200,000; the bench's 1M load is N=1000000, ~2 min).
 *
 * Imports N synthetic records with `items.importMany` into a fresh temp database, as the bench's
 * load does (batches of 5,000 generated on demand, generation time subtracted), and times every
 * statement better-sqlite3 runs, grouped by what it does.
 * "SQLite" is time inside statements (the engine's own floor for this schema and data: no app
 * code can make those statements cheaper, only fewer or smaller); the rest of the import is
 * JavaScript: building bound values, JSON, folding, garbage collection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import vocabulariesFile from '../../db/seed/vocabularies.json';
import { createSqliteDatabase } from '../../src/lib/server/db/sqlite/create-sqlite-database';
import { parseVocabularies } from '../../src/lib/server/seed/demo-data';
import { syntheticBatches } from '../../src/lib/server/seed/synthetic';

const size = Number(process.argv[2] ?? 200_000);
if (!Number.isInteger(size) || size <= 0) throw new Error('Usage: sqlite-load-profile.ts [items]');

/** Statement classes, first match wins (the SQL is compared with whitespace collapsed). */
const CLASSES: Array<[string, RegExp]> = [
	['insert items rows', /^INSERT INTO items \(/],
	['insert text rows', /^INSERT INTO item_texts \(/],
	['insert term rows', /^INSERT INTO item_terms \(/],
	['search index (FTS5)', /^INSERT INTO item_texts_fts/],
	['spatial index (R*Tree)', /^INSERT INTO items_rtree/],
	['secondary indexes (CREATE INDEX)', /^CREATE (UNIQUE )?INDEX/],
	['commit (+ WAL checkpoint)', /^COMMIT/]
];
const spent = new Map<string, number>();

// Wrap the two entry points every statement of the app goes through.
const probe = new BetterSqlite3(':memory:');
const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1'));
const databaseProto = Object.getPrototypeOf(probe);
probe.close();
for (const [proto, method] of [
	[statementProto, 'run'],
	[databaseProto, 'exec']
] as const) {
	const original = proto[method];
	proto[method] = function (this: { source?: string }, ...args: unknown[]) {
		const started = performance.now();
		try {
			return original.apply(this, args);
		} finally {
			const sql = (method === 'run' ? this.source! : String(args[0])).replace(/\s+/g, ' ').trim();
			const name = CLASSES.find(([, re]) => re.test(sql))?.[0] ?? 'other statements';
			spent.set(name, (spent.get(name) ?? 0) + performance.now() - started);
		}
	};
}

const dir = mkdtempSync(join(tmpdir(), 'disan-load-profile-'));
try {
	const db = await createSqliteDatabase(join(dir, 'profile.sqlite'));
	await db.vocabularies.upsert(parseVocabularies(vocabulariesFile));
	let generateMs = 0;
	function* timedBatches() {
		const batches = syntheticBatches(size, 5_000, 20261122);
		for (;;) {
			const t = performance.now();
			const next = batches.next();
			generateMs += performance.now() - t;
			if (next.done) return;
			yield next.value;
		}
	}
	spent.clear();
	const started = performance.now();
	await db.items.importMany(timedBatches());
	const totalMs = performance.now() - started - generateMs;
	const sqliteMs = [...spent.values()].reduce((a, b) => a + b, 0);
	const rows: Array<[string, number]> = [
		...[...spent].sort((a, b) => b[1] - a[1]),
		['JavaScript (values, JSON, folding, GC)', totalMs - sqliteMs]
	];
	const s = (ms: number) => (ms / 1000).toFixed(1).padStart(7);
	console.log(`\nimportMany of ${size.toLocaleString('en-US')} synthetic items\n`);
	console.log(`| ${'part'.padEnd(40)} | seconds | share |`);
	console.log(`|${'-'.repeat(42)}|--------:|------:|`);
	for (const [name, ms] of rows) {
		const share = `${((ms / totalMs) * 100).toFixed(0)} %`.padStart(5);
		console.log(`| ${name.padEnd(40)} | ${s(ms)} | ${share} |`);
	}
	console.log(`| ${'SQLite statements in all'.padEnd(40)} | ${s(sqliteMs)} |       |`);
	console.log(`| ${'total'.padEnd(40)} | ${s(totalMs)} |       |`);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
