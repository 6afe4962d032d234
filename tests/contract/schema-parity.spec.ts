/**
 * Both dialects keep the same tables and columns (docs/data-model.md), so services, exports and
 * the seed see one data model. PostGIS adds only the documented geometry columns. Needs no server:
 * it compares the drizzle schema definitions.
 */
import { is } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import * as postgis from '$lib/server/db/postgis/schema';
import * as sqlite from '$lib/server/db/sqlite/schema';

/** PostGIS-only columns: geometry (docs/data-model.md) and the stored search vector. */
const POSTGIS_ONLY: Record<string, string[]> = {
	items: ['geom', 'public_geom', 'footprint'],
	item_texts: ['fold_tsv']
};

interface Shape {
	/** column name → nullable? */
	[table: string]: Record<string, boolean>;
}

function pgShape(): Shape {
	const out: Shape = {};
	for (const value of Object.values(postgis)) {
		if (!is(value, PgTable)) continue;
		const c = pgConfig(value);
		out[c.name] = Object.fromEntries(c.columns.map((col) => [col.name, !col.notNull]));
	}
	return out;
}

function sqliteShape(): Shape {
	const out: Shape = {};
	for (const value of Object.values(sqlite)) {
		if (!is(value, SQLiteTable)) continue;
		const c = sqliteConfig(value);
		out[c.name] = Object.fromEntries(c.columns.map((col) => [col.name, !col.notNull]));
	}
	return out;
}

describe('schema parity: SQLite and PostGIS', () => {
	const pg = pgShape();
	const lite = sqliteShape();

	it('define the same tables', () => {
		expect(Object.keys(pg).sort()).toEqual(Object.keys(lite).sort());
		expect(Object.keys(pg).length).toBeGreaterThanOrEqual(16);
	});

	it.each(Object.keys(lite).sort())('%s has the same columns and nullability', (table) => {
		const extra = POSTGIS_ONLY[table] ?? [];
		const pgColumns = Object.fromEntries(
			Object.entries(pg[table] ?? {}).filter(([name]) => !extra.includes(name))
		);
		expect(pgColumns).toEqual(lite[table]);
	});

	it('PostGIS adds exactly the documented extra columns, all nullable', () => {
		for (const [table, columns] of Object.entries(POSTGIS_ONLY)) {
			const added = Object.keys(pg[table]).filter((c) => !(c in lite[table]));
			expect(added.sort()).toEqual([...columns].sort());
			for (const c of columns) expect(pg[table][c]).toBe(true);
		}
	});
});
