-- Hand-written (drizzle-kit generate --custom): indexes drizzle cannot express.

-- Bounding-box reads (findInBBox, search with a bbox): `point <@ box` on these covering indexes is
-- an index-only scan (a geometry GiST cannot be), so a box holding thousands of items answers its
-- first 200 ids without touching the table.
CREATE INDEX IF NOT EXISTS items_public_point_gist ON items USING gist (point(public_lng, public_lat))
	INCLUDE (id, status, visibility, public_lng, public_lat);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_point_gist ON items USING gist (point(lng, lat))
	INCLUDE (id, status, visibility, lng, lat);
--> statement-breakpoint
-- A box holding most items is answered by walking ids in order instead (see findInBBox); these
-- included columns keep that walk index-only too.
CREATE INDEX IF NOT EXISTS items_id_points ON items (id)
	INCLUDE (status, visibility, public_lng, public_lat, lng, lat);
--> statement-breakpoint
-- Geometry operators (vector tiles: `&&` with ST_TileEnvelope, ST_AsMVT).
CREATE INDEX IF NOT EXISTS items_public_geom_gist ON items USING gist (public_geom);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_geom_gist ON items USING gist (geom);
--> statement-breakpoint
-- Nearest: KNN on geography is great-circle, so it orders correctly across the antimeridian.
CREATE INDEX IF NOT EXISTS items_public_geog_gist ON items USING gist ((public_geom::geography));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_geog_gist ON items USING gist ((geom::geography));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_footprint_gist ON items USING gist (footprint);
--> statement-breakpoint
-- Full-text search over the app-folded words (vnFold, same as SQLite's FTS5 input):
-- fold_tsv is the stored to_tsvector('simple', fold).
CREATE INDEX IF NOT EXISTS item_texts_fold_fts ON item_texts USING gin (fold_tsv);
--> statement-breakpoint
-- Substring / similarity lookups on the folded text (typo-tolerant suggestions).
CREATE INDEX IF NOT EXISTS item_texts_fold_trgm ON item_texts USING gin (fold gin_trgm_ops);
