/**
 * The /map page's "near me" mode: where the reader is, the nearest records (following the
 * filters) and the status line. The URL does not hold it: a position is not for sharing.
 */
import type { LngLat } from '../domain/types';
import type { MessageKey } from '../i18n/messages';
import { fetchNear, type MapItem } from './map-api';
import type { MapFilters } from './map-state';
import { locate, NearMeError, nearMeMessageKey } from './near-me';

export type NearStatus = 'idle' | 'locating' | 'loading' | 'done' | 'error';

export interface NearDeps {
	/** The browser's geolocation, or undefined when it has none. */
	geolocation: () => Pick<Geolocation, 'getCurrentPosition'> | undefined;
	fetchNear: typeof fetchNear;
}

const browserDeps: NearDeps = {
	geolocation: () => ('geolocation' in navigator ? navigator.geolocation : undefined),
	fetchNear
};

export class NearResults {
	/** The list shows the nearest records (instead of the map's list). */
	active = $state(false);
	status = $state<NearStatus>('idle');
	/** The status line's message, null when there is nothing to say. */
	message = $state<MessageKey | null>(null);
	items = $state<MapItem[]>([]);
	/** The reader's position once found. */
	here = $state<LngLat | null>(null);

	readonly #deps: NearDeps;

	constructor(deps: Partial<NearDeps> = {}) {
		this.#deps = { ...browserDeps, ...deps };
	}

	get busy(): boolean {
		return this.status === 'locating' || this.status === 'loading';
	}

	/**
	 * Finds the reader, then loads the nearest records. `onlocated` runs as soon as the position is
	 * known (the page flies the map there); `query` is read then, so it has the latest filters.
	 */
	async start(
		query: () => { filters: MapFilters; lang: string },
		onlocated?: (at: LngLat) => void
	) {
		const geolocation = this.#deps.geolocation();
		if (!geolocation) {
			this.status = 'error';
			this.message = nearMeMessageKey('unsupported');
			return;
		}
		this.status = 'locating';
		this.message = 'map.near.locating';
		let at: LngLat;
		try {
			at = await locate(geolocation);
		} catch (err) {
			this.status = 'error';
			this.message = nearMeMessageKey(err instanceof NearMeError ? err.reason : 'unavailable');
			return;
		}
		this.here = at;
		this.active = true;
		this.status = 'loading';
		onlocated?.(at);
		try {
			const { filters, lang } = query();
			this.items = await this.#deps.fetchNear(at, filters, lang);
			this.status = 'done';
			this.message = null;
		} catch (err) {
			console.warn('[map] near failed', err);
			this.status = 'error';
			this.message = nearMeMessageKey('failed');
		}
	}

	/** The filters changed: reload the nearest records (quietly; the old list stays on failure). */
	refresh(filters: MapFilters, lang: string) {
		if (!this.active || !this.here) return;
		this.#deps
			.fetchNear(this.here, filters, lang)
			.then((list) => (this.items = list))
			.catch(() => {});
	}

	/** Back to the map's list; the position is forgotten. */
	leave() {
		this.active = false;
		this.status = 'idle';
		this.message = null;
		this.items = [];
		this.here = null;
	}
}
