import { beforeEach, describe, expect, it } from 'vitest';
import type { AccessScope, NewItem } from '$lib/domain/types';
import { buildItemAt } from '../../support/factories/item.factory';
import { anonymous, memberOf, staff, type ContractContext } from './context';

const WORLD = { west: -180, south: -90, east: 180, north: 90 };

/** One item per access situation, all at the same place and sharing the word "trống" (drum). */
const cases: Record<string, Partial<NewItem>> = {
	published: {},
	draft: { status: 'draft' },
	inReview: { status: 'in_review' },
	withdrawn: { status: 'withdrawn' },
	staffOnly: { visibility: 'staff' },
	communityX: { visibility: 'community', communityGroups: ['lang-x'] },
	communityY: { visibility: 'community', communityGroups: ['lang-y'] },
	draftCommunityX: { status: 'draft', visibility: 'community', communityGroups: ['lang-x'] }
};

export function accessCases(ctx: ContractContext): void {
	describe('items: access scope on every read path', () => {
		let ids: Record<string, number>;

		beforeEach(async () => {
			ids = {};
			for (const [key, o] of Object.entries(cases)) {
				const item = await ctx.db.items.create(
					buildItemAt([108.0, 14.0], {
						slug: `access-${key.toLowerCase()}`,
						title: { vi: `Trống đồng ${key}`, en: `Bronze drum ${key}` },
						...o
					})
				);
				ids[key] = item.id;
			}
		});

		/** Every read method's view of which items exist. */
		async function visibleEverywhere(scope: AccessScope): Promise<Record<string, number[]>> {
			const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
			const byId: number[] = [];
			const bySlug: number[] = [];
			for (const [key, id] of Object.entries(ids)) {
				if (await ctx.db.items.getById(id, scope)) byId.push(id);
				if (await ctx.db.items.getBySlug(`access-${key.toLowerCase()}`, scope)) bySlug.push(id);
			}
			const list = await ctx.db.items.list(scope, { limit: 100, offset: 0 });
			return {
				byId: sorted(byId),
				bySlug: sorted(bySlug),
				list: sorted(list.items.map((s) => s.id)),
				listTotal: [list.total],
				bbox: sorted(
					(await ctx.db.items.findInBBox(WORLD, scope, { limit: 100 })).map((s) => s.id)
				),
				nearest: sorted(
					(await ctx.db.items.nearest([108, 14], scope, { limit: 100 })).map((s) => s.id)
				),
				search: sorted(
					(await ctx.db.items.search('trong dong', scope, { limit: 100 })).map((s) => s.id)
				),
				count: [await ctx.db.items.count(scope)]
			};
		}

		function expectEverywhere(seen: Record<string, number[]>, keys: string[]): void {
			const want = keys.map((k) => ids[k]).sort((a, b) => a - b);
			for (const [path, got] of Object.entries(seen)) {
				const expected = path === 'listTotal' || path === 'count' ? [want.length] : want;
				expect({ path, got }).toEqual({ path, got: expected });
			}
		}

		it('anonymous sees only published public items', async () => {
			expectEverywhere(await visibleEverywhere(anonymous), ['published']);
		});

		it('a member of group X sees X community items but not Y ones, nor drafts', async () => {
			expectEverywhere(await visibleEverywhere(memberOf('lang-x')), ['published', 'communityX']);
			expectEverywhere(await visibleEverywhere(memberOf('lang-y', 'lang-z')), [
				'published',
				'communityY'
			]);
			expectEverywhere(await visibleEverywhere(memberOf()), ['published']);
		});

		it('staff see everything', async () => {
			expectEverywhere(await visibleEverywhere(staff), Object.keys(cases));
		});

		it('a custom scope is applied literally (statuses and visibilities)', async () => {
			const reviewers: AccessScope = {
				statuses: ['in_review'],
				visibilities: ['public', 'staff'],
				groups: [],
				exactLocation: false
			};
			expectEverywhere(await visibleEverywhere(reviewers), ['inReview']);
		});
	});
}
