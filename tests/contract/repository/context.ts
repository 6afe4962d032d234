import type { Database } from '$lib/server/db/ports';
import { ANONYMOUS, scopeFor } from '$lib/server/services/access.service';

export interface ContractContext {
	readonly db: Database;
}

export const staff = scopeFor({ kind: 'staff', userId: 1 });
export const anonymous = scopeFor(ANONYMOUS);
export const memberOf = (...groups: string[]) => scopeFor({ kind: 'member', userId: 2, groups });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
