-- Hand-written (drizzle-kit generate --custom). Extensions the schema and search rely on.
-- IF NOT EXISTS: a managed database may have them already (created by an administrator).
CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change), so indexes cannot use it; this wrapper
-- pins the dictionary and is IMMUTABLE. App code folds with vnFold (same on SQLite); this is for
-- ad-hoc SQL and reports that want the same folding inside the database.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
