/** Recognises constraint failures so repositories can turn them into domain errors. */
function code(e: unknown): string | undefined {
	return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : undefined;
}

export function isUniqueViolation(e: unknown, column?: string): boolean {
	const c = code(e);
	if (c !== 'SQLITE_CONSTRAINT_UNIQUE' && c !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
	return column === undefined || (e as Error).message.includes(column);
}

export function isForeignKeyViolation(e: unknown): boolean {
	return code(e) === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
