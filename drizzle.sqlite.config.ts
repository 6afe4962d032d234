/**
 * drizzle-kit config for the SQLite schema. `npm run db:generate` writes SQL migrations here; the
 * app applies them itself when it opens the database (createSqliteDatabase). The FTS5 and R*Tree
 * migration (`*_search_spatial.sql`) is hand-written (`drizzle-kit generate --custom`).
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: './src/lib/server/db/sqlite/schema.ts',
	out: './db/migrations/sqlite'
});
