/** MediaRepository on PostGIS. Rows are deleted with their item (ON DELETE CASCADE). */
import { sql } from 'drizzle-orm';
import type { MediaRecord, NewMediaRecord } from '$lib/domain/types';
import type { MediaRepository } from '$lib/server/db/ports';
import type { PgContext } from './pg-context';
import { mapErrors } from './pg-errors';
import { iso } from './item-sql';

interface MediaRow extends Record<string, unknown> {
	id: number;
	item_id: number | null;
	kind: MediaRecord['kind'];
	storage_key: string;
	mime_type: string;
	/** bigint arrives as a string from pg. */
	bytes: string | number;
	sha256: string;
	width: number | null;
	height: number | null;
	duration_seconds: number | null;
	original_name: string | null;
	alt: MediaRecord['alt'];
	caption: MediaRecord['caption'];
	rights: MediaRecord['rights'];
	position: number;
	created_at: string;
}

const columns = sql`id, item_id, kind, storage_key, mime_type, bytes, sha256, width, height,
	duration_seconds, original_name, alt, caption, rights, position,
	${iso(sql.raw('created_at'))} as created_at`;

function fromRow(r: MediaRow): MediaRecord {
	return {
		id: r.id,
		itemId: r.item_id,
		kind: r.kind,
		storageKey: r.storage_key,
		mimeType: r.mime_type,
		bytes: Number(r.bytes),
		sha256: r.sha256,
		width: r.width,
		height: r.height,
		durationSeconds: r.duration_seconds,
		originalName: r.original_name,
		alt: r.alt,
		caption: r.caption,
		rights: r.rights,
		position: r.position,
		createdAt: r.created_at
	};
}

export function createMediaRepository(ctx: PgContext): MediaRepository {
	return {
		create: (m: NewMediaRecord) =>
			mapErrors('media record', async () => {
				const result = await ctx.db.execute<MediaRow>(sql`
					insert into media (item_id, kind, storage_key, mime_type, bytes, sha256, width, height,
						duration_seconds, original_name, alt, caption, rights, position, created_at)
					values (${m.itemId}, ${m.kind}, ${m.storageKey}, ${m.mimeType}, ${m.bytes}, ${m.sha256},
						${m.width}, ${m.height}, ${m.durationSeconds}, ${m.originalName},
						${JSON.stringify(m.alt)}::jsonb, ${JSON.stringify(m.caption)}::jsonb,
						${JSON.stringify(m.rights)}::jsonb, ${m.position}, ${new Date().toISOString()})
					returning ${columns}`);
				return fromRow(result.rows[0]);
			}),

		async getById(id: number) {
			const result = await ctx.db.execute<MediaRow>(
				sql`select ${columns} from media where id = ${id}`
			);
			return result.rows[0] ? fromRow(result.rows[0]) : null;
		},

		async listForItem(itemId: number) {
			const result = await ctx.db.execute<MediaRow>(
				sql`select ${columns} from media where item_id = ${itemId} order by position, id`
			);
			return result.rows.map(fromRow);
		},

		async delete(id: number) {
			const result = await ctx.db.execute(sql`delete from media where id = ${id} returning id`);
			return result.rows.length > 0;
		},

		async findBySha256(sha256: string) {
			const result = await ctx.db.execute<MediaRow>(
				sql`select ${columns} from media where sha256 = ${sha256} order by id`
			);
			return result.rows.map(fromRow);
		}
	};
}
