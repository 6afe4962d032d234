/**
 * Opens the configured database and brings its schema up to date (each dialect's factory runs its
 * migrations). The dialect module is imported on demand so a SQLite install never loads `pg` and a
 * PostGIS node never loads the native better-sqlite3 addon.
 */
import type { DatabaseConfig } from '../config';
import type { Database } from './ports';

export async function createDatabase(config: DatabaseConfig): Promise<Database> {
	switch (config.dialect) {
		case 'sqlite': {
			const { createSqliteDatabase } = await import('./sqlite/create-sqlite-database');
			return createSqliteDatabase(config.path);
		}
		case 'postgis': {
			const { createPostgisDatabase } = await import('./postgis/create-postgis-database');
			return createPostgisDatabase(config.url, { poolMax: config.poolMax });
		}
		default: {
			const unknown: never = config;
			throw new Error(`Unknown database dialect in ${JSON.stringify(unknown)}`);
		}
	}
}
