/**
 * Where a repository's SQL runs. Outside a transaction that is the pool (each statement on any
 * free connection); inside `Database.transaction` it is one dedicated client, so every `tx`
 * repository call joins the same BEGIN … COMMIT.
 */
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';

export type Db = NodePgDatabase;

export interface PgContext {
	readonly db: Db;
	/**
	 * Runs several statements as one unit: a transaction of its own on the pool, or a savepoint
	 * inside an open transaction (so a failed create inside `tx` leaves the transaction usable).
	 * `fn` must not call `atomic` again: inside a transaction the calls queue, so that would wait
	 * for itself.
	 */
	atomic<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

export function poolContext(pool: pg.Pool): PgContext {
	const db = drizzle({ client: pool });
	return {
		db,
		atomic: (fn) => withClientTransaction(pool, (client) => fn(drizzle({ client })))
	};
}

/** BEGIN on a dedicated client; COMMIT when `fn` resolves, ROLLBACK (and rethrow) when it throws. */
export async function withClientTransaction<T>(
	pool: pg.Pool,
	fn: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query('BEGIN');
		try {
			const result = await fn(client);
			await client.query('COMMIT');
			return result;
		} catch (e) {
			await client.query('ROLLBACK').catch((rollbackError: Error) => {
				broken = rollbackError;
			});
			throw e;
		}
	} finally {
		// A client whose ROLLBACK failed is in an unknown state: destroy it instead of reusing it.
		client.release(broken);
	}
}

/**
 * The context of an open transaction. `atomic` calls are serialised, because savepoints on one
 * connection must nest, not interleave (Promise.all over tx writes would otherwise mix them).
 * Once the transaction ends the context refuses further use, so a leaked `tx` cannot write on a
 * connection that is back in the pool.
 */
export function clientContext(client: pg.PoolClient): PgContext & { end(): void } {
	const db = drizzle({ client });
	let open = true;
	let chain: Promise<unknown> = Promise.resolve();
	let depth = 0;
	const guard = () => {
		if (!open) throw new Error('This transaction has already finished; use the outer repositories');
		return db;
	};
	return {
		get db() {
			return guard();
		},
		atomic<T>(fn: (db: Db) => Promise<T>): Promise<T> {
			guard();
			const run = async () => {
				const name = `sp_${++depth}`;
				await client.query(`SAVEPOINT ${name}`);
				try {
					const result = await fn(db);
					await client.query(`RELEASE SAVEPOINT ${name}`);
					return result;
				} catch (e) {
					await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
					throw e;
				} finally {
					depth--;
				}
			};
			const next = chain.then(run, run);
			chain = next.catch(() => undefined);
			return next;
		},
		end() {
			open = false;
		}
	};
}
