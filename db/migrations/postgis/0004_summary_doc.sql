ALTER TABLE "items" ADD COLUMN "summary_doc" text;--> statement-breakpoint
-- Hand-written backfill: the summary document of every existing item (see itemSummaryDoc in
-- src/lib/server/db/postgis/item-mapping.ts, which writes the same JSON for new and updated items).
UPDATE "items" i SET "summary_doc" = json_build_object(
	'title', coalesce((select json_object_agg(t.lang, t.title order by t.lang) from item_texts t
		where t.item_id = i.id and t.title <> ''), '{}'::json),
	'summary', coalesce((select json_object_agg(t.lang, t.summary order by t.lang) from item_texts t
		where t.item_id = i.id and t.summary <> ''), '{}'::json),
	'ethnicGroups', coalesce((select json_agg(c.code order by c.code) from item_terms c
		where c.item_id = i.id and c.scheme = 'ethnic_group'), '[]'::json)
)::text WHERE "summary_doc" IS NULL;
