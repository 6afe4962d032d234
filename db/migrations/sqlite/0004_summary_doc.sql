-- Faster summaries and bbox walks at a million items (issue #2).
--
-- items.summary_doc: the titles, summaries and ethnic groups of an item's summary as JSON, written
-- by the repository with the item (item.mapper summaryDocFor), so a page of 200 summaries reads
-- 200 rows instead of joining item_texts and item_terms for each. Existing rows are filled below
-- from those tables, in the same shape: {"title":{lang:text},"summary":{lang:text},
-- "ethnicGroups":[sorted codes]}, empty strings left out. The cover image is not in it (media
-- come and go on their own); summaries look it up in media_item_kind_position_idx.
ALTER TABLE `items` ADD `summary_doc` text;--> statement-breakpoint
-- What the access rule and a point test read, in id order (see schema.ts).
CREATE INDEX `items_id_scope_point_idx` ON `items` (`id`,`status`,`visibility`,`public_lng`,`public_lat`,`lng`,`lat`);--> statement-breakpoint
UPDATE `items` SET `summary_doc` = json_object(
	'title', (SELECT json_group_object(lang, title) FROM (
		SELECT lang, title FROM item_texts WHERE item_id = items.id AND title <> '' ORDER BY lang)),
	'summary', (SELECT json_group_object(lang, summary) FROM (
		SELECT lang, summary FROM item_texts WHERE item_id = items.id AND summary <> '' ORDER BY lang)),
	'ethnicGroups', (SELECT json_group_array(code) FROM (
		SELECT code FROM item_terms WHERE item_id = items.id AND scheme = 'ethnic_group' ORDER BY code))
);
