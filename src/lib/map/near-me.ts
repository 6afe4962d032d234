/**
 * "Near me": the reader's position from the browser as a Promise, with the ways it can fail named
 * (and each one's message key), so the page shows a clear sentence instead of a code.
 */
import type { LngLat } from '../domain/types';
import type { MessageKey } from '../i18n/messages';

export type NearMeFailure = 'unsupported' | 'denied' | 'timeout' | 'unavailable' | 'failed';

export class NearMeError extends Error {
	constructor(readonly reason: NearMeFailure) {
		super(`near me: ${reason}`);
		this.name = 'NearMeError';
	}
}

/** A coarse fix is enough for "nearest records"; a minute-old one too. */
export const LOCATE_OPTIONS: PositionOptions = {
	enableHighAccuracy: false,
	timeout: 15_000,
	maximumAge: 60_000
};

/** Why the browser gave no position, from its error code. */
export function failureFromPositionError(
	err: Pick<GeolocationPositionError, 'code' | 'PERMISSION_DENIED' | 'TIMEOUT'>
): NearMeFailure {
	if (err.code === err.PERMISSION_DENIED) return 'denied';
	if (err.code === err.TIMEOUT) return 'timeout';
	return 'unavailable';
}

/** The sentence shown for a failure (`map.near.*`). */
export function nearMeMessageKey(reason: NearMeFailure): MessageKey {
	return `map.near.${reason}`;
}

/**
 * The reader's position as [lng, lat]. Rejects with a NearMeError: `unsupported` when there is no
 * geolocation (pass `undefined`), else `denied`, `timeout` or `unavailable`.
 */
export function locate(
	geolocation: Pick<Geolocation, 'getCurrentPosition'> | undefined,
	options: PositionOptions = LOCATE_OPTIONS
): Promise<LngLat> {
	if (!geolocation) return Promise.reject(new NearMeError('unsupported'));
	return new Promise((resolvePosition, reject) => {
		geolocation.getCurrentPosition(
			(pos) => resolvePosition([pos.coords.longitude, pos.coords.latitude]),
			(err) => reject(new NearMeError(failureFromPositionError(err))),
			options
		);
	});
}
