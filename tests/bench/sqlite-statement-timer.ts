/**
 * Times every statement better-sqlite3 runs (Statement#run and Database#exec, the two entry points
 * the app's writes use), grouped by what the statement does. The sum is the time SQLite itself
 * spent: the engine's floor for a load, next to which the app's own (JavaScript) time shows.
 */
import BetterSqlite3 from 'better-sqlite3';

/** Statement classes, first match wins (the SQL is compared with whitespace collapsed). */
const CLASSES: Array<[string, RegExp]> = [
	['insert items rows', /^INSERT INTO items \(/],
	['insert text rows', /^INSERT INTO item_texts \(/],
	['insert term rows', /^INSERT INTO item_terms \(/],
	[
		'copy of the index tables built on the worker',
		/^(INSERT INTO|DELETE FROM) "(item_texts_fts|items_rtree)_/
	],
	['search index (FTS5)', /^INSERT INTO item_texts_fts/],
	['spatial index (R*Tree)', /^INSERT INTO items_rtree/],
	['secondary indexes (CREATE INDEX)', /^CREATE (UNIQUE )?INDEX/],
	['commit (+ WAL checkpoint)', /^COMMIT/]
];

/** Class by statement text, remembered: classifying a 7 KB multi-row INSERT each run cost ~1 s per 1M items. */
const classes = new Map<string, string>();

function classOf(source: string): string {
	let name = classes.get(source);
	if (name === undefined) {
		const sql = source.replace(/\s+/g, ' ').trim();
		name = CLASSES.find(([, re]) => re.test(sql))?.[0] ?? 'other statements';
		classes.set(source, name);
	}
	return name;
}

export interface StatementTimer {
	/** Restores the originals; returns milliseconds by statement class. */
	stop(): Map<string, number>;
}

export function timeSqliteStatements(): StatementTimer {
	const spent = new Map<string, number>();
	const probe = new BetterSqlite3(':memory:');
	const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1'));
	const databaseProto = Object.getPrototypeOf(probe);
	probe.close();
	const restore: Array<() => void> = [];
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
				const ms = performance.now() - started;
				const name = classOf(method === 'run' ? this.source! : String(args[0]));
				spent.set(name, (spent.get(name) ?? 0) + ms);
			}
		};
		restore.push(() => (proto[method] = original));
	}
	return {
		stop() {
			for (const undo of restore) undo();
			return spent;
		}
	};
}
