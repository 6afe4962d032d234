/** Small helpers for PostgreSQL connection URLs and identifiers (tests and tooling). */

/** The same server and credentials, another database. */
export function databaseUrl(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${encodeURIComponent(database)}`;
	return u.toString();
}

/** The database a URL names (without the leading slash). */
export function databaseName(url: string): string {
	return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** A double-quoted SQL identifier, for names that cannot be bind parameters (CREATE DATABASE). */
export function quoteIdent(name: string): string {
	return `"${name.replace(/"/g, '""')}"`;
}
