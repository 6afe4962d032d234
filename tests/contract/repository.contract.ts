/**
 * The repository contract: one behaviour suite every Database implementation must pass
 * (drizzle-integration-tests style). Per-dialect entry files are thin:
 *
 *   repositoryContract('sqlite', createSqliteHarness);
 *
 * Semantics pinned here that the ports leave open (both dialects keep them):
 * - ethnicGroups, subjects and communityGroups come back de-duplicated and sorted ascending.
 * - Community groups named by an item need not exist first: a missing community_groups row is
 *   created (slug only); vocabulary codes must exist, or ValidationError.
 * - Text maps omit empty strings; a language appears in title/summary/body only where given.
 * - Non-staff scopes get location.point = publicPoint, and location.geometry = null unless the
 *   precision is exact (a boundary would reveal a generalised site).
 * - Spatial reads (bbox, nearest, search bbox) use the true point for staff, the public point
 *   for everyone else.
 * - search score: higher is better; results are ordered by score desc, then id asc, and an
 *   exact-diacritic match always scores above any match without it.
 * - Year filters match items whose span [startYear ?? endYear, endYear ?? startYear] overlaps
 *   [fromYear, toYear] (inclusive); undated items never match a year filter.
 * - Limits above MAX_LIMIT are capped (list reports the capped `limit`).
 * - Collections list only the itemIds the scope may read, in collection order.
 */
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Harness } from '../support/harness';
import type { ContractContext } from './repository/context';
import { accessCases } from './repository/access.cases';
import { facetCases } from './repository/facets.cases';
import { itemCrudCases } from './repository/item-crud.cases';
import { listCases } from './repository/list.cases';
import { importCases } from './repository/import.cases';
import { locationCases } from './repository/location.cases';
import { mapFilterCases } from './repository/map-filters.cases';
import { otherRepositoryCases } from './repository/other-repositories.cases';
import { searchCases } from './repository/search.cases';
import { summaryCases } from './repository/summaries.cases';
import { tileCases } from './repository/tiles.cases';
import { transactionCases } from './repository/transaction.cases';

export function repositoryContract(name: string, createHarness: () => Promise<Harness>): void {
	describe(`${name}: repository contract`, () => {
		let harness: Harness | undefined;
		const ctx: ContractContext = {
			get db() {
				if (!harness) throw new Error('harness not created');
				return harness.db;
			}
		};
		beforeAll(async () => {
			harness = await createHarness();
		});
		afterAll(async () => {
			await harness?.close();
		});
		beforeEach(async () => {
			await harness?.reset();
		});

		itemCrudCases(ctx);
		locationCases(ctx);
		searchCases(ctx);
		accessCases(ctx);
		listCases(ctx);
		transactionCases(ctx);
		otherRepositoryCases(ctx);
		tileCases(ctx);
		mapFilterCases(ctx);
		facetCases(ctx);
		summaryCases(ctx);
		importCases(ctx);
	});
}
