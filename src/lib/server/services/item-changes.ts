/**
 * Tells in-process caches built from item rows (tiles today) that items changed. Whoever commits
 * a write to items or their media calls `changed()`; a cache remembers the generation it was
 * filled at and drops everything when it moves. Other processes (a seed script, another app node)
 * cannot reach this counter, so caches also expire entries after a short time.
 */
export class ItemChangeNotifier {
	#generation = 0;

	get generation(): number {
		return this.#generation;
	}

	changed(): void {
		this.#generation += 1;
	}
}
