-- Search and spatial indexes drizzle cannot express. Kept current by triggers, so every write
-- path (repositories, seeds, ad-hoc SQL) updates them.
--
-- Full text: FTS5 over item_texts.fold, which the app writes as vnFold(title summary body)
-- (SQLite never folds đ, so folding happens in app code at index and query time).
-- External content: the text is stored once, in item_texts; rowid = item_texts.id.
-- Queries are single quoted words and a last-word prefix, ranked in app code, so the index keeps
-- no positions (detail = none) and no per-row sizes (columnsize = 0): far less to write at load.
-- Prefix indexes for 2 and 3 letters keep search-as-you-type from merging huge doclists.
CREATE VIRTUAL TABLE `item_texts_fts` USING fts5(
	fold,
	content = 'item_texts',
	content_rowid = 'id',
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '2 3',
	detail = none,
	columnsize = 0
);
--> statement-breakpoint
CREATE TRIGGER `item_texts_fts_ai` AFTER INSERT ON `item_texts` BEGIN
	INSERT INTO item_texts_fts (rowid, fold) VALUES (new.id, new.fold);
END;
--> statement-breakpoint
CREATE TRIGGER `item_texts_fts_ad` AFTER DELETE ON `item_texts` BEGIN
	INSERT INTO item_texts_fts (item_texts_fts, rowid, fold) VALUES ('delete', old.id, old.fold);
END;
--> statement-breakpoint
CREATE TRIGGER `item_texts_fts_au` AFTER UPDATE OF `fold` ON `item_texts` BEGIN
	INSERT INTO item_texts_fts (item_texts_fts, rowid, fold) VALUES ('delete', old.id, old.fold);
	INSERT INTO item_texts_fts (rowid, fold) VALUES (new.id, new.fold);
END;
--> statement-breakpoint
-- Spatial: one R*Tree entry per located item. Its box spans both the true point and the public
-- point (they are at most one generalisation cell apart), so one index serves staff reads (true
-- point) and public reads (public point); queries then test the exact columns they are allowed
-- to use. Items without a point have no entry. R*Tree stores 32-bit floats, rounded outwards,
-- so the box is a superset and the exact test is always needed.
CREATE VIRTUAL TABLE `items_rtree` USING rtree(id, min_lng, max_lng, min_lat, max_lat);
--> statement-breakpoint
CREATE TRIGGER `items_rtree_ai` AFTER INSERT ON `items`
WHEN new.lng IS NOT NULL AND new.lat IS NOT NULL BEGIN
	INSERT INTO items_rtree (id, min_lng, max_lng, min_lat, max_lat) VALUES (
		new.id,
		min(new.lng, coalesce(new.public_lng, new.lng)),
		max(new.lng, coalesce(new.public_lng, new.lng)),
		min(new.lat, coalesce(new.public_lat, new.lat)),
		max(new.lat, coalesce(new.public_lat, new.lat))
	);
END;
--> statement-breakpoint
CREATE TRIGGER `items_rtree_au` AFTER UPDATE OF `lng`, `lat`, `public_lng`, `public_lat` ON `items` BEGIN
	DELETE FROM items_rtree WHERE id = old.id;
	INSERT INTO items_rtree (id, min_lng, max_lng, min_lat, max_lat)
	SELECT
		new.id,
		min(new.lng, coalesce(new.public_lng, new.lng)),
		max(new.lng, coalesce(new.public_lng, new.lng)),
		min(new.lat, coalesce(new.public_lat, new.lat)),
		max(new.lat, coalesce(new.public_lat, new.lat))
	WHERE new.lng IS NOT NULL AND new.lat IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `items_rtree_ad` AFTER DELETE ON `items` BEGIN
	DELETE FROM items_rtree WHERE id = old.id;
END;
