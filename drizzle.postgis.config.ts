/**
 * drizzle-kit config for the PostGIS schema. `npm run db:generate` writes SQL migrations here;
 * the app applies them itself at start (createPostgisDatabase), so no credentials are needed.
 * Custom migrations: 0000 (extensions, f_unaccent) and 0002 (GiST/GIN indexes) are hand-written.
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/postgis/schema.ts',
	out: './db/migrations/postgis'
});
