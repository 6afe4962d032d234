import { describe, expect, it, vi } from 'vitest';
import {
	clusterLabelSpecs,
	normalisePlace,
	placeLabelSpecs,
	type LabelFeature
} from './label-specs';

const point = (lng: number, lat: number, properties: Record<string, unknown>): LabelFeature => ({
	geometry: { type: 'Point', coordinates: [lng, lat] },
	properties
});

describe('placeLabelSpecs', () => {
	const hanoi = point(105.85, 21.03, {
		name_vi: 'Hà Nội',
		name_en: 'Hanoi',
		kind: 'capital',
		rank: 1
	});
	const truongSa = point(114, 10, {
		name_vi: 'Quần đảo Trường Sa (Việt Nam)',
		name_en: 'Truong Sa Archipelago (Vietnam)',
		kind: 'archipelago',
		rank: 0
	});

	it('names places in the page language and ranks the archipelagos first', () => {
		const specs = placeLabelSpecs([hanoi, truongSa], 'vi', () => true);
		expect(specs.map((s) => s.key)).toEqual([
			'place:Hà Nội',
			'place:Quần đảo Trường Sa (Việt Nam)'
		]);
		expect(specs[1].rank).toBeLessThan(specs[0].rank);
		expect(specs[0].anchor).toBe('left');
		expect(specs[1].anchor).toBe('center');
	});

	it('leaves out places outside the view', () => {
		const specs = placeLabelSpecs([hanoi, truongSa], 'en', (lng) => lng < 110);
		expect(specs.map((s) => s.lng)).toEqual([105.85]);
	});
});

describe('placeLabelSpecs on a Protomaps archive', () => {
	const hue = point(107.58, 16.46, {
		name: 'Huế',
		'name:en': 'Hue',
		kind: 'locality',
		population_rank: 11
	});
	const ward = point(107.6, 16.47, { name: 'Phú Hội', kind: 'neighbourhood' });

	it('maps name:vi/name:en and locality onto our tags and drops other kinds', () => {
		const vi = placeLabelSpecs([hue, ward], 'vi', () => true);
		expect(vi.map((s) => s.key)).toEqual(['place:Huế']);
		expect(vi[0].anchor).toBe('left');
		expect(normalisePlace(hue.properties)).toEqual({
			kind: 'city',
			rank: 2,
			name_vi: 'Huế',
			name_en: 'Hue'
		});
		expect(normalisePlace({ name: 'Hà Nội', kind: 'locality', capital: 'yes' })).toMatchObject({
			kind: 'capital',
			rank: 0
		});
	});
});

describe('clusterLabelSpecs', () => {
	const options = {
		formatCount: String,
		ariaLabel: (n: number) => `${n} records`,
		onActivate: vi.fn(),
		limit: 2
	};

	it('deduplicates tile-edge repeats, skips single records and keeps the biggest clusters', () => {
		const specs = clusterLabelSpecs(
			[
				point(105, 21, { count: 5 }),
				point(105, 21, { count: 5 }),
				point(106, 11, { count: 40 }),
				point(107, 16, { count: 2 }),
				point(108, 12, { id: 9, kind: 'site' }),
				point(108, 13, { count: 1 })
			],
			options
		);
		expect(specs.map((s) => [s.lng, s.lat])).toEqual([
			[106, 11],
			[105, 21]
		]);
		expect(specs.every((s) => !s.collides)).toBe(true);
	});
});
