-- Hand-written (drizzle-kit generate --custom): grid-cell indexes for findInBBox (issue #2).
--
-- A map box asks for its first 200 readable items by id. Neither the GiST (every match collected,
-- then sorted) nor the id-order walk (reads 200 × N / n entries for n items in the box) is cheap
-- for a box of a few thousand items, which is what a tourist's city or province view holds. These
-- index the public point by grid cell, then id, at three cell sizes (0.04°, 0.2°, 1°): a box
-- covered by a few cells of one size (GRID_MAX_CELLS) reads each cell in id order and merges
-- them (Merge Append), stopping at 200, so it reads about 200 × (covered cells' items / box
-- items) entries.
-- The expressions must stay identical to GRID_LEVELS in src/lib/server/db/postgis/bbox-cells.ts
-- (cell = floor((lng + 180) / size) * 65536 + floor((lat + 90) / size)). Included columns keep the
-- scans index-only. Public points only: staff reads of true points keep the GiST.
CREATE INDEX IF NOT EXISTS items_public_cell_004_idx ON items (
	(floor((public_lng + 180::float8) / 0.04::float8)::int8 * 65536 + floor((public_lat + 90::float8) / 0.04::float8)::int8),
	id
) INCLUDE (status, visibility, public_lng, public_lat);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_public_cell_02_idx ON items (
	(floor((public_lng + 180::float8) / 0.2::float8)::int8 * 65536 + floor((public_lat + 90::float8) / 0.2::float8)::int8),
	id
) INCLUDE (status, visibility, public_lng, public_lat);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS items_public_cell_1_idx ON items (
	(floor((public_lng + 180::float8) / 1::float8)::int8 * 65536 + floor((public_lat + 90::float8) / 1::float8)::int8),
	id
) INCLUDE (status, visibility, public_lng, public_lat);
