import { describe, expect, it } from 'vitest';
import type { Item } from '../domain/types';
import {
	isoYear,
	itemJsonLd,
	itemSeo,
	jsonLdScript,
	serializeJsonLd,
	shortDescription,
	temporalCoverage
} from './seo';

const ORIGIN = 'https://disan.example';

function item(overrides: Partial<Item> = {}): Item {
	return {
		id: 42,
		slug: 'nha-rong-kon-klor',
		kind: 'structure',
		status: 'published',
		visibility: 'public',
		communityGroups: [],
		title: { vi: 'Nhà rông Kon Klor', en: 'Kon Klor communal house' },
		summary: { vi: 'Nhà rông lớn của người Ba Na', en: 'A Bahnar communal house' },
		body: {},
		location: { point: null, geometry: null, precision: 'exact' },
		publicPoint: [108.0186, 14.3545],
		place: { province: 'Kon Tum', district: 'TP Kon Tum', commune: 'Thắng Lợi' },
		time: { startYear: 1998, endYear: null, label: { vi: 'cuối thế kỷ XX' } },
		ethnicGroups: ['bahnar'],
		subjects: [],
		rights: {
			license: 'https://creativecommons.org/licenses/by/4.0/',
			holder: null,
			credit: null,
			sourceInstitution: null
		},
		dc: { creator: [], contributor: [], source: null, relation: [], language: [] },
		createdAt: '2026-01-01T00:00:00Z',
		updatedAt: '2026-01-01T00:00:00Z',
		...overrides
	};
}

const ld = (i: Item, locale: 'vi' | 'en' = 'vi') =>
	itemJsonLd({
		item: i,
		url: `${ORIGIN}/items/${i.id}?lang=${locale}`,
		name: i.title[locale] ?? '',
		description: i.summary[locale] ?? '',
		imageUrl: `${ORIGIN}/media/7`,
		locale
	});

describe('itemJsonLd', () => {
	it('describes a structure as a landmark with geo, address, licence and period', () => {
		expect(ld(item())).toEqual({
			'@context': 'https://schema.org',
			'@type': 'LandmarksOrHistoricalBuildings',
			'@id': `${ORIGIN}/items/42?lang=vi#item`,
			url: `${ORIGIN}/items/42?lang=vi`,
			name: 'Nhà rông Kon Klor',
			description: 'Nhà rông lớn của người Ba Na',
			image: `${ORIGIN}/media/7`,
			geo: { '@type': 'GeoCoordinates', latitude: 14.3545, longitude: 108.0186 },
			address: {
				'@type': 'PostalAddress',
				addressLocality: 'Thắng Lợi, TP Kon Tum',
				addressRegion: 'Kon Tum',
				addressCountry: 'VN'
			},
			subjectOf: {
				'@type': 'CreativeWork',
				url: `${ORIGIN}/items/42?lang=vi`,
				inLanguage: 'vi',
				license: 'https://creativecommons.org/licenses/by/4.0/',
				temporalCoverage: '1998/..'
			}
		});
	});

	it('picks the type by kind: events and creative works carry a Place', () => {
		const festival = ld(
			item({ kind: 'event', time: { startYear: 1802, endYear: 1945, label: {} } }),
			'en'
		);
		expect(festival).toMatchObject({
			'@type': 'Event',
			startDate: '1802',
			endDate: '1945',
			location: {
				'@type': 'Place',
				geo: { latitude: 14.3545, longitude: 108.0186 },
				address: { addressRegion: 'Kon Tum' }
			},
			subjectOf: { temporalCoverage: '1802/1945', inLanguage: 'en' }
		});
		const craft = ld(item({ kind: 'practice' }));
		expect(craft).toMatchObject({
			'@type': 'CreativeWork',
			license: 'https://creativecommons.org/licenses/by/4.0/',
			temporalCoverage: '1998/..',
			inLanguage: 'vi',
			contentLocation: { '@type': 'Place', geo: { '@type': 'GeoCoordinates' } }
		});
		expect(ld(item({ kind: 'site' }))['@type']).toBe('LandmarksOrHistoricalBuildings');
		expect(ld(item({ kind: 'document' }))['@type']).toBe('CreativeWork');
	});

	it('never publishes a point for a hidden location, and uses only the public point', () => {
		const hidden = ld(
			item({
				location: { point: [108.1, 14.4], geometry: null, precision: 'hidden' },
				publicPoint: null
			})
		);
		expect(JSON.stringify(hidden)).not.toMatch(/GeoCoordinates|108\.1|14\.4\b/);
		expect(hidden.address).toMatchObject({ addressRegion: 'Kon Tum' });
		// Even if a caller forgot protectLocation, the true point is not read.
		const sensitive = ld(
			item({
				location: { point: [108.0123, 14.3456], geometry: null, precision: 'region' },
				publicPoint: [108.1, 14.3]
			})
		);
		expect(sensitive.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 14.3, longitude: 108.1 });
		expect(JSON.stringify(sensitive)).not.toContain('108.0123');
	});

	it('leaves out what is unknown', () => {
		const bare = itemJsonLd({
			item: item({
				kind: 'artefact',
				publicPoint: null,
				place: { province: null, district: null, commune: null },
				time: { startYear: null, endYear: null, label: {} }
			}),
			url: `${ORIGIN}/items/42`,
			name: 'x',
			description: '',
			imageUrl: null,
			locale: 'vi'
		});
		expect(Object.keys(bare).sort()).toEqual(
			['@context', '@type', '@id', 'url', 'name', 'inLanguage', 'license'].sort()
		);
	});
});

describe('temporalCoverage and isoYear', () => {
	it('writes ISO 8601 years and intervals, BCE with a minus sign', () => {
		expect(isoYear(1802)).toBe('1802');
		expect(isoYear(938)).toBe('0938');
		expect(isoYear(-300)).toBe('-0300');
		const at = (startYear: number | null, endYear: number | null, label = {}) =>
			temporalCoverage(item({ time: { startYear, endYear, label } }), 'vi');
		expect(at(1802, 1945)).toBe('1802/1945');
		expect(at(null, 1945)).toBe('../1945');
		expect(at(-300, -300)).toBe('-0300');
		expect(at(null, null, { vi: 'thế kỷ XIX', en: '19th century' })).toBe('thế kỷ XIX');
		expect(at(null, null)).toBeNull();
	});
});

describe('serializeJsonLd', () => {
	it('cannot be broken out of by record text, and parses back to the same value', () => {
		const nasty = {
			name: '</script><script>alert(1)</script>',
			description: '<!-- a & b --> \u2028 \u2029 "quoted"'
		};
		const text = serializeJsonLd(nasty);
		expect(text).not.toMatch(/<|>|&|\u2028|\u2029/);
		expect(JSON.parse(text)).toEqual(nasty);
		const tag = jsonLdScript(nasty);
		expect(tag.startsWith('<script type="application/ld+json">')).toBe(true);
		expect(tag.match(/<\/script>/gi)).toHaveLength(1);
		expect(tag.match(/<!--/g)).toBeNull();
	});
});

describe('itemSeo', () => {
	const image = {
		url: `${ORIGIN}/media/7`,
		alt: 'Mặt trước nhà rông',
		width: 1600,
		height: 1067,
		mimeType: 'image/jpeg'
	};
	const tags = (seo: ReturnType<typeof itemSeo>) =>
		Object.fromEntries(seo.meta.map((m) => [m.key, m.content]));

	it('gives canonical, hreflang alternates, OpenGraph and Twitter tags', () => {
		const seo = itemSeo({
			item: item(),
			origin: `${ORIGIN}/`,
			locale: 'en',
			title: 'Kon Klor communal house',
			description: 'A Bahnar communal house',
			siteName: 'Disan',
			image
		});
		expect(seo.canonical).toBe(`${ORIGIN}/items/42?lang=en`);
		expect(seo.shareUrl).toBe(`${ORIGIN}/items/42`);
		expect(seo.alternates).toEqual([
			{ hreflang: 'vi', href: `${ORIGIN}/items/42?lang=vi` },
			{ hreflang: 'en', href: `${ORIGIN}/items/42?lang=en` },
			{ hreflang: 'x-default', href: `${ORIGIN}/items/42` }
		]);
		expect(tags(seo)).toMatchObject({
			'og:type': 'article',
			'og:title': 'Kon Klor communal house',
			'og:url': `${ORIGIN}/items/42?lang=en`,
			'og:locale': 'en_US',
			'og:locale:alternate': 'vi_VN',
			'og:image': `${ORIGIN}/media/7`,
			'og:image:width': '1600',
			'og:image:alt': 'Mặt trước nhà rông',
			'og:description': 'A Bahnar communal house',
			'twitter:card': 'summary_large_image',
			'twitter:image': `${ORIGIN}/media/7`
		});
		expect(seo.meta.find((m) => m.key === 'og:title')?.attr).toBe('property');
		expect(seo.meta.find((m) => m.key === 'twitter:card')?.attr).toBe('name');
		expect(seo.jsonLd).toMatchObject({ '@type': 'LandmarksOrHistoricalBuildings' });
	});

	it('falls back to a small card without an image', () => {
		const seo = itemSeo({
			item: item(),
			origin: ORIGIN,
			locale: 'vi',
			title: 'Nhà rông',
			description: '',
			siteName: 'Disan',
			image: null
		});
		const t = tags(seo);
		expect(t['twitter:card']).toBe('summary');
		expect(t['og:locale']).toBe('vi_VN');
		expect(t['og:image']).toBeUndefined();
		expect(t['og:description']).toBeUndefined();
	});
});

describe('shortDescription', () => {
	it('collapses whitespace and cuts long text at a word with an ellipsis', () => {
		expect(shortDescription('  Nhà   rông\n Ba Na ')).toBe('Nhà rông Ba Na');
		const long = 'Lễ hội đâm trâu của người Ba Na, '.repeat(20);
		const cut = shortDescription(long, 60);
		expect(cut.length).toBeLessThanOrEqual(60);
		expect(cut.endsWith('…')).toBe(true);
		expect(cut).not.toMatch(/,…$/);
	});
});
