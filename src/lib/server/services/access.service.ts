/**
 * The one access rule. Every read path (page, API, tile, search, media file, export, feed) asks
 * this service for a scope and hands it to the repositories, which filter in SQL.
 */
import type { AccessScope, Viewer } from '$lib/domain/types';

export function scopeFor(viewer: Viewer): AccessScope {
	switch (viewer.kind) {
		case 'anonymous':
			return {
				statuses: ['published'],
				visibilities: ['public'],
				groups: [],
				exactLocation: false
			};
		case 'member':
			return {
				statuses: ['published'],
				visibilities: ['public', 'community'],
				groups: [...viewer.groups],
				exactLocation: false
			};
		case 'staff':
			return {
				statuses: ['draft', 'in_review', 'published', 'withdrawn'],
				visibilities: ['public', 'community', 'staff'],
				groups: 'all',
				exactLocation: true
			};
	}
}

export const ANONYMOUS: Viewer = { kind: 'anonymous' };
