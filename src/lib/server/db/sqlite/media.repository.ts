/** MediaRepository on SQLite (drizzle query builder; not a hot path). */
import { asc, eq } from 'drizzle-orm';
import type { MediaKind, MediaRecord, NewMediaRecord } from '$lib/domain/types';
import { ConflictError, ValidationError } from '$lib/server/errors';
import type { MediaRepository } from '$lib/server/db/ports';
import { media } from './schema';
import { isoNow, type Executor, type SqliteContext } from './sqlite-context';
import { isForeignKeyViolation, isUniqueViolation } from './sqlite-errors';

type MediaRow = typeof media.$inferSelect;

const toRecord = (r: MediaRow): MediaRecord => ({ ...r, kind: r.kind as MediaKind });

export class SqliteMediaRepository implements MediaRepository {
	constructor(
		private readonly ctx: SqliteContext,
		private readonly exec: Executor
	) {}

	async create(input: NewMediaRecord): Promise<MediaRecord> {
		return this.exec.write(() => {
			try {
				const row = this.ctx.orm
					.insert(media)
					.values({ ...input, createdAt: isoNow() })
					.returning()
					.get();
				return toRecord(row);
			} catch (e) {
				if (isUniqueViolation(e, 'media.storage_key')) {
					throw new ConflictError(
						`A media file is already stored under "${input.storageKey}"; each file needs its own key.`
					);
				}
				if (isForeignKeyViolation(e)) {
					throw new ValidationError(
						`Media refers to item ${input.itemId}, which does not exist. Attach it to an existing item.`
					);
				}
				throw e;
			}
		});
	}

	async getById(id: number): Promise<MediaRecord | null> {
		const row = this.ctx.orm.select().from(media).where(eq(media.id, id)).get();
		return row ? toRecord(row) : null;
	}

	async listForItem(itemId: number): Promise<MediaRecord[]> {
		return this.ctx.orm
			.select()
			.from(media)
			.where(eq(media.itemId, itemId))
			.orderBy(asc(media.position), asc(media.id))
			.all()
			.map(toRecord);
	}

	async delete(id: number): Promise<boolean> {
		return this.exec.write(
			() => this.ctx.orm.delete(media).where(eq(media.id, id)).run().changes > 0
		);
	}

	async findBySha256(sha256: string): Promise<MediaRecord[]> {
		return this.ctx.orm
			.select()
			.from(media)
			.where(eq(media.sha256, sha256))
			.orderBy(asc(media.id))
			.all()
			.map(toRecord);
	}
}
