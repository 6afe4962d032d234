/** AuditRepository on SQLite: an append-only trail, newest first. */
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditRepository } from '$lib/server/db/ports';
import { clampLimit } from './item-sql';
import { auditLog } from './schema';
import { isoNow, type Executor, type SqliteContext } from './sqlite-context';

export class SqliteAuditRepository implements AuditRepository {
	constructor(
		private readonly ctx: SqliteContext,
		private readonly exec: Executor
	) {}

	async record(entry: AuditEntry): Promise<void> {
		await this.exec.write(() => {
			this.ctx.orm
				.insert(auditLog)
				.values({ ...entry, at: isoNow() })
				.run();
		});
	}

	async list(opts: {
		entity?: string;
		entityId?: string;
		limit: number;
	}): Promise<Array<AuditEntry & { id: number; at: string }>> {
		const conditions: SQL[] = [];
		if (opts.entity !== undefined) conditions.push(eq(auditLog.entity, opts.entity));
		if (opts.entityId !== undefined) conditions.push(eq(auditLog.entityId, opts.entityId));
		return this.ctx.orm
			.select()
			.from(auditLog)
			.where(and(...conditions))
			.orderBy(desc(auditLog.id))
			.limit(clampLimit(opts.limit))
			.all();
	}
}
