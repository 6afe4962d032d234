/** AuditRepository on PostGIS: an append-only trail, listed newest first. */
import { sql } from 'drizzle-orm';
import type { AuditEntry, AuditRepository } from '$lib/server/db/ports';
import type { PgContext } from './pg-context';
import { clampLimit, iso } from './item-sql';

interface AuditRow extends Record<string, unknown> {
	id: number;
	at: string;
	actor_id: number | null;
	action: string;
	entity: string;
	entity_id: string;
	detail: Record<string, unknown>;
}

export function createAuditRepository(ctx: PgContext): AuditRepository {
	return {
		async record(e: AuditEntry) {
			await ctx.db.execute(sql`
				insert into audit_log (at, actor_id, action, entity, entity_id, detail)
				values (${new Date().toISOString()}, ${e.actorId}, ${e.action}, ${e.entity}, ${e.entityId},
					${JSON.stringify(e.detail)}::jsonb)`);
		},

		async list(opts: { entity?: string; entityId?: string; limit: number }) {
			const where = [sql`true`];
			if (opts.entity !== undefined) where.push(sql`entity = ${opts.entity}`);
			if (opts.entityId !== undefined) where.push(sql`entity_id = ${opts.entityId}`);
			// id, not `at`: entries written in the same millisecond still come back newest first.
			const result = await ctx.db.execute<AuditRow>(sql`
				select id, ${iso(sql.raw('at'))} as at, actor_id, action, entity, entity_id, detail
				from audit_log where ${sql.join(where, sql` and `)}
				order by id desc limit ${clampLimit(opts.limit)}`);
			return result.rows.map((r) => ({
				id: r.id,
				at: r.at,
				actorId: r.actor_id,
				action: r.action,
				entity: r.entity,
				entityId: r.entity_id,
				detail: r.detail
			}));
		}
	};
}
