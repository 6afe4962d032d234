// Prints one closing line for CI ("tests: N passed, N failed, N skipped") from the JSON reports
// that vitest and Playwright write under CI=true, so the whole run is counted, not just its exit code.
import { existsSync, readFileSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const read = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null);

const vitest = read('.tmp/reports/vitest.json');
if (vitest) {
	totals.passed += vitest.numPassedTests;
	totals.failed += vitest.numFailedTests;
	totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
const playwright = read('.tmp/reports/playwright.json');
if (playwright) {
	totals.passed += playwright.stats.expected + playwright.stats.flaky;
	totals.failed += playwright.stats.unexpected;
	totals.skipped += playwright.stats.skipped;
}
if (!vitest || !playwright) console.log('summary: a test report is missing (see the output above)');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
