-- The item repository now writes the search index and new R*Tree entries itself, at the end
-- of each write unit (src/lib/server/db/sqlite/item-write.ts), instead of per-row triggers.
--
-- Why: a virtual-table write fired by a trigger runs inside a statement savepoint, and FTS5
-- flushes its pending terms at every savepoint, i.e. once per row; once FTS5 or R*Tree has been
-- written in a transaction, every later statement with a statement journal (trigger or
-- foreign-key inserts) calls their savepoint hooks too (FTS5 flushes, R*Tree drops its node
-- cache). Measured on bulk loads: ~117 µs/item with the triggers, ~55-65 µs/item batched.
--
-- R*Tree updates and deletes (one row at a time) keep their triggers, items_rtree_au and
-- items_rtree_ad. The repository is the only writer of item_texts; anything else that writes it
-- must index the rows too.
DROP TRIGGER IF EXISTS `item_texts_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `item_texts_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `item_texts_fts_au`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `items_rtree_ai`;
