/**
 * Runs a command-line script's `main(argv)` and exits with its code. A thrown error prints its
 * message (prefixed by `failure`, e.g. "Seeding failed") and exits 1, without a stack trace: the
 * scripts throw errors that already say what to do.
 */
export function runCli(main: (argv: string[]) => Promise<number>, failure?: string): void {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(err: unknown) => {
			const message = err instanceof Error ? err.message : String(err);
			console.error(failure ? `${failure}: ${message}` : message);
			process.exit(1);
		}
	);
}
