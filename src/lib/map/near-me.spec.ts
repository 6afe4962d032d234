import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en';
import { vi as viMessages } from '../i18n/vi';
import type { MapItem } from './map-api';
import {
	failureFromPositionError,
	locate,
	NearMeError,
	nearMeMessageKey,
	type NearMeFailure
} from './near-me';
import { NearResults } from './near-results.svelte';

const CODES = { PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as const;

/** A stand-in for the browser's Geolocation: answers with a position or an error code. */
function fakeGeolocation(answer: { at: [number, number] } | { code: number }) {
	const calls: (PositionOptions | undefined)[] = [];
	return {
		calls,
		getCurrentPosition(
			ok: PositionCallback,
			fail?: PositionErrorCallback | null,
			options?: PositionOptions
		) {
			calls.push(options);
			if ('at' in answer) {
				ok({
					coords: { longitude: answer.at[0], latitude: answer.at[1] }
				} as GeolocationPosition);
			} else {
				fail?.({ code: answer.code, message: '', ...CODES } as GeolocationPositionError);
			}
		}
	};
}

describe('locate', () => {
	it('answers [lng, lat] with a coarse, minute-old fix allowed', async () => {
		const geo = fakeGeolocation({ at: [108.2, 16.05] });
		await expect(locate(geo)).resolves.toEqual([108.2, 16.05]);
		expect(geo.calls[0]).toMatchObject({ enableHighAccuracy: false, maximumAge: 60_000 });
	});

	it.each([
		[CODES.PERMISSION_DENIED, 'denied'],
		[CODES.TIMEOUT, 'timeout'],
		[CODES.POSITION_UNAVAILABLE, 'unavailable']
	])('names error code %i as %s', async (code, reason) => {
		const err = await locate(fakeGeolocation({ code })).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(NearMeError);
		expect((err as NearMeError).reason).toBe(reason);
	});

	it('is unsupported without geolocation', async () => {
		await expect(locate(undefined)).rejects.toMatchObject({ reason: 'unsupported' });
	});

	it('maps an unknown code to unavailable', () => {
		expect(failureFromPositionError({ code: 99, ...CODES })).toBe('unavailable');
	});
});

describe('nearMeMessageKey', () => {
	const reasons: NearMeFailure[] = ['unsupported', 'denied', 'timeout', 'unavailable', 'failed'];
	it.each(reasons)('%s has a sentence in both languages', (reason) => {
		const key = nearMeMessageKey(reason);
		expect(key).toBe(`map.near.${reason}`);
		expect(viMessages[key]).toBeTruthy();
		expect(en[key]).toBeTruthy();
	});
});

const item = (id: number, meters: number): MapItem => ({
	id,
	kind: 'site',
	title: `#${id}`,
	titleLang: 'vi',
	localized: { title: {} },
	publicPoint: [108, 16],
	province: null,
	startYear: null,
	endYear: null,
	coverUrl: null,
	meters
});

describe('NearResults', () => {
	beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}));
	afterEach(() => vi.restoreAllMocks());
	const query = () => ({ filters: { kinds: [] } as never, lang: 'vi' });

	it('finds the reader, then lists the nearest records', async () => {
		const asked: [number, number][] = [];
		const near = new NearResults({
			geolocation: () => fakeGeolocation({ at: [108.2, 16.05] }),
			fetchNear: async (at) => {
				asked.push(at);
				return [item(1, 50)];
			}
		});
		let flewTo: [number, number] | undefined;
		await near.start(query, (at) => (flewTo = at));
		expect(flewTo).toEqual([108.2, 16.05]);
		expect(asked).toEqual([[108.2, 16.05]]);
		expect(near).toMatchObject({ active: true, status: 'done', message: null, busy: false });
		expect(near.items.map((i) => i.id)).toEqual([1]);

		near.leave();
		expect(near).toMatchObject({ active: false, status: 'idle', here: null, items: [] });
	});

	it('says why when there is no position, and stays in the map list', async () => {
		const near = new NearResults({
			geolocation: () => fakeGeolocation({ code: CODES.PERMISSION_DENIED }),
			fetchNear: async () => []
		});
		await near.start(query);
		expect(near).toMatchObject({ active: false, status: 'error', message: 'map.near.denied' });

		const none = new NearResults({ geolocation: () => undefined, fetchNear: async () => [] });
		await none.start(query);
		expect(none).toMatchObject({ status: 'error', message: 'map.near.unsupported' });
	});

	it('reports a failed list after the position was found', async () => {
		const near = new NearResults({
			geolocation: () => fakeGeolocation({ at: [1, 2] }),
			fetchNear: async () => {
				throw new Error('500');
			}
		});
		await near.start(query);
		expect(near).toMatchObject({ active: true, status: 'error', message: 'map.near.failed' });
	});
});
