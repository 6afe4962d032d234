-- Hand-written (drizzle-kit generate --custom): indexes no query uses, dropped so every insert
-- maintains five fewer (a 1M-item import spent most of its time in index upkeep).

-- nearest now runs on items_public_point_gist / items_geom_gist (planar KNN, then an exact
-- great-circle cut), so the geography expression indexes are unused.
DROP INDEX IF EXISTS items_public_geog_gist;
--> statement-breakpoint
DROP INDEX IF EXISTS items_geog_gist;
--> statement-breakpoint
-- No query does substring or similarity matching on item_texts.fold; search uses fold_tsv (GIN).
DROP INDEX IF EXISTS item_texts_fold_trgm;
--> statement-breakpoint
-- No query filters on footprint yet; recreate this index with the first one that does.
DROP INDEX IF EXISTS items_footprint_gist;
--> statement-breakpoint
-- Staff reads of true points use items_geom_gist (see bboxSql); the covering point index stays on
-- the public point only, where anonymous map reads need index-only scans.
DROP INDEX IF EXISTS items_point_gist;
