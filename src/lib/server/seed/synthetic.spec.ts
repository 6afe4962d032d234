import { describe, expect, it } from 'vitest';
import { haversineMeters } from '../../geo/distance';
import type { LngLat, NewItem } from '../../domain/types';
import { loadDemoData } from './demo-data';
import { mulberry32 } from './demo-palette';
import { seedItemSchema } from './seed.schema';
import { generateSyntheticItems, syntheticBatches } from './synthetic';
import { CLUSTERS, insideVietnam, VIETNAM_OUTLINE } from './synthetic-geo';

const take = (n: number, seed?: number) => [...generateSyntheticItems(n, seed)];
const sample = take(20_000);

/** Share of points within `km` of some town centre. */
function nearTownShare(points: LngLat[], km: number): number {
	const near = points.filter((p) =>
		CLUSTERS.some((c) => haversineMeters(p, c.center) <= km * 1000)
	);
	return near.length / points.length;
}

describe('generateSyntheticItems', () => {
	it('is deterministic per seed and differs between seeds', () => {
		expect(take(500, 7)).toEqual(take(500, 7));
		const other = take(500, 8);
		expect(other.map((i) => i.title.vi)).not.toEqual(take(500, 7).map((i) => i.title.vi));
		// A longer run starts with the same records as a shorter one.
		expect(take(1000, 7).slice(0, 500)).toEqual(take(500, 7));
	});

	it('yields valid records that use only known vocabulary terms', () => {
		const { vocabularies } = loadDemoData();
		const codes = new Set(vocabularies.map((t) => `${t.scheme}:${t.code}`));
		const slugs = new Set<string>();
		for (const item of sample.slice(0, 3000)) {
			const parsed = seedItemSchema.safeParse({ ...item, image: { scene: 'temple' } });
			expect(parsed.success, `${item.slug}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
			for (const c of item.ethnicGroups) expect(codes.has(`ethnic_group:${c}`), c).toBe(true);
			for (const c of item.subjects) expect(codes.has(`subject:${c}`), c).toBe(true);
			slugs.add(item.slug);
		}
		expect(slugs.size).toBe(3000);
	});

	it('keeps every point on the mainland', () => {
		for (const c of CLUSTERS) expect(insideVietnam(c.center), c.name).toBe(true);
		expect(sample.every((i) => insideVietnam(i.location.point!))).toBe(true);
	});

	it('clusters points around towns far more than a uniform spread would', () => {
		const points = sample.slice(0, 4000).map((i) => i.location.point!);
		const r = mulberry32(99);
		const xs = VIETNAM_OUTLINE.map((p) => p[0]);
		const ys = VIETNAM_OUTLINE.map((p) => p[1]);
		const uniform: LngLat[] = [];
		while (uniform.length < 1000) {
			const p: LngLat = [
				Math.min(...xs) + r() * (Math.max(...xs) - Math.min(...xs)),
				Math.min(...ys) + r() * (Math.max(...ys) - Math.min(...ys))
			];
			if (insideVietnam(p)) uniform.push(p);
		}
		const clustered = nearTownShare(points, 20);
		const spread = nearTownShare(uniform, 20);
		expect(clustered).toBeGreaterThan(0.85);
		expect(spread).toBeLessThan(0.4);
		// The two dense cores hold a large share of points within a kilometre.
		const oldQuarter: LngLat = [105.85, 21.034];
		const core = points.filter((p) => haversineMeters(p, oldQuarter) < 1000).length / points.length;
		expect(core).toBeGreaterThan(0.02);
	});

	it('is mostly published and public, with a few drafts, community items and BCE dates', () => {
		const share = (f: (i: NewItem) => boolean) => sample.filter(f).length / sample.length;
		expect(share((i) => i.status === 'draft')).toBeGreaterThan(0.02);
		expect(share((i) => i.status === 'draft')).toBeLessThan(0.04);
		expect(share((i) => i.visibility === 'community')).toBeGreaterThan(0.012);
		expect(share((i) => i.visibility === 'community')).toBeLessThan(0.03);
		expect(share((i) => i.visibility === 'community' && i.communityGroups.length === 0)).toBe(0);
		expect(share((i) => (i.time.startYear ?? 0) < 0)).toBeGreaterThan(0.05);
		expect(share((i) => i.ethnicGroups[0] !== 'kinh')).toBeGreaterThan(0.05);
		expect(new Set(sample.map((i) => i.kind)).size).toBe(7);
	});

	it('writes Vietnamese titles with diacritics and plain-ASCII English titles', () => {
		const withMarks = sample.filter((i) => /[^\x20-\x7e]/.test(i.title.vi)).length;
		expect(withMarks / sample.length).toBeGreaterThan(0.9);
		expect(sample.every((i) => /^[\x20-\x7e]+$/.test(i.title.en))).toBe(true);
		expect(new Set(sample.map((i) => i.title.vi)).size).toBeGreaterThan(5000);
	});

	it('batches without losing or repeating records', () => {
		const batches = [...syntheticBatches(1050, 200, 3)];
		expect(batches.map((b) => b.length)).toEqual([200, 200, 200, 200, 200, 50]);
		expect(batches.flat()).toEqual(take(1050, 3));
	});

	it('rejects a bad count', () => {
		expect(() => take(-1)).toThrow(RangeError);
		expect(() => take(1.5)).toThrow(RangeError);
	});
});
