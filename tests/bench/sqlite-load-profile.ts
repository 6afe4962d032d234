/**
 * Where a SQLite bulk import spends its time: `npx tsx tests/bench/sqlite-load-profile.ts [N]`
 * (default 200,000, ~20 s; the bench's 1M load is N=1000000, ~2 min).
 *
 * Runs the bench's own load (loadSynthetic: `items.importMany` in batches of 5,000 generated on
 * demand, generation time subtracted) into a temp database and prints the time inside SQLite
 * statements by kind. Their sum is the engine's floor for this schema and data: app code can only
 * make those statements fewer or smaller. The rest of the load is JavaScript: bound values, JSON,
 * folding, garbage collection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchConfig } from './bench-config';
import { openSqliteEngine } from './engines/sqlite.bench-engine';
import { loadSynthetic } from './load';

const size = Number(process.argv[2] ?? 200_000);
if (!Number.isInteger(size) || size <= 0) throw new Error('Usage: sqlite-load-profile.ts [items]');

const dir = mkdtempSync(join(tmpdir(), 'disan-load-profile-'));
try {
	const engine = await openSqliteEngine(join(dir, 'profile.sqlite'));
	const load = await loadSynthetic(engine, size, benchConfig(process.env), () => {});
	await engine.dispose();
	const parts = Object.entries(load.engineParts ?? {}).sort((a, b) => b[1] - a[1]);
	const engineSeconds = load.engineSeconds ?? 0;
	const rows: Array<[string, number]> = [
		...parts,
		['JavaScript (values, JSON, folding, GC)', load.loadSeconds - engineSeconds]
	];
	const s = (seconds: number) => seconds.toFixed(1).padStart(7);
	console.log(
		`\nimportMany of ${size.toLocaleString('en-US')} synthetic items (${engine.version})\n`
	);
	console.log(`| ${'part'.padEnd(40)} | seconds | share |`);
	console.log(`|${'-'.repeat(42)}|--------:|------:|`);
	for (const [name, seconds] of rows) {
		const share = `${((seconds / load.loadSeconds) * 100).toFixed(0)} %`.padStart(5);
		console.log(`| ${name.padEnd(40)} | ${s(seconds)} | ${share} |`);
	}
	console.log(`| ${'inside SQLite statements'.padEnd(40)} | ${s(engineSeconds)} |       |`);
	console.log(`| ${'import (importMany)'.padEnd(40)} | ${s(load.loadSeconds)} |       |`);
	console.log(
		`| ${'ANALYZE afterwards (not above)'.padEnd(40)} | ${s(load.analyzeSeconds)} |       |`
	);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
