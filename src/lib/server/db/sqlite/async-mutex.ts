/**
 * A FIFO async lock. better-sqlite3 has one connection, and an open transaction spans awaits, so
 * every write waits its turn here instead of landing inside someone else's transaction.
 */
export class AsyncMutex {
	private tail: Promise<unknown> = Promise.resolve();

	run<T>(fn: () => T | Promise<T>): Promise<T> {
		const result = this.tail.then(fn);
		// The next waiter starts when this one settles, whether it succeeded or threw.
		this.tail = result.then(
			() => undefined,
			() => undefined
		);
		return result;
	}
}
