/**
 * Turns PostgreSQL constraint errors into domain errors with a message a librarian can act on.
 * Anything unexpected is rethrown unchanged (a real 500).
 */
import { ConflictError, ValidationError } from '$lib/server/errors';

interface PgError {
	code?: string;
	constraint?: string;
	detail?: string;
}

const isPgError = (e: unknown): e is Error & PgError =>
	e instanceof Error && typeof (e as PgError).code === 'string';

/** `Key (slug)=(abc) already exists.` → `slug "abc"`. */
function describeKey(detail: string | undefined): string | null {
	const m = /^Key \((.+?)\)=\((.*)\)/.exec(detail ?? '');
	if (!m) return null;
	return `${m[1]} "${m[2]}"`;
}

/** drizzle wraps driver errors in DrizzleQueryError ("Failed query: …") with the pg error as cause. */
export function driverError(e: unknown): unknown {
	let cur = e;
	for (let i = 0; i < 3 && cur instanceof Error && !isPgError(cur) && cur.cause; i++)
		cur = cur.cause;
	return isPgError(cur) ? cur : e;
}

export function mapPgError(error: unknown, entity: string): unknown {
	const e = driverError(error);
	if (!isPgError(e)) return error;
	const key = describeKey(e.detail);
	switch (e.code) {
		case '23505':
			return new ConflictError(
				`${/^[aeiou]/i.test(entity) ? 'An' : 'A'} ${entity} with ${key ?? 'the same unique value'} already exists; choose another.`
			);
		case '23503':
			return new ValidationError(
				`The ${entity} refers to ${key ?? 'a record'} that does not exist; create it first or fix the reference.`
			);
		case '23514':
			return new ValidationError(
				`The ${entity} has a value that is not allowed (${e.constraint ?? 'check constraint'}); use one of the listed values.`
			);
		case '23502':
			return new ValidationError(`The ${entity} is missing a required value (${e.message}).`);
		case '22P02':
		case '22023':
		case '22003':
			return new ValidationError(`The ${entity} has an invalid value: ${e.message}.`);
		default:
			return error;
	}
}

/** Runs `fn`, mapping constraint errors to domain errors. */
export async function mapErrors<T>(entity: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		throw mapPgError(e, entity);
	}
}
