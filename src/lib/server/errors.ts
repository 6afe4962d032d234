/**
 * Domain errors. Services and repositories throw these; routes map them to HTTP statuses in one
 * place (`$lib/server/http.ts`), so a librarian always gets a message that says what to do.
 */
export class DomainError extends Error {
	constructor(
		message: string,
		readonly status: 400 | 403 | 404 | 409 | 413 | 422
	) {
		super(message);
		this.name = new.target.name;
	}
}

export class ValidationError extends DomainError {
	constructor(message: string) {
		super(message, 400);
	}
}

export class NotFoundError extends DomainError {
	constructor(message: string) {
		super(message, 404);
	}
}

export class ConflictError extends DomainError {
	constructor(message: string) {
		super(message, 409);
	}
}
