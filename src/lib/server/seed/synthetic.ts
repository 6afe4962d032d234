/**
 * Synthetic heritage records for benchmarks and load tests: deterministic (same n and seed, same
 * records), shaped like real data (clustered points, Vietnamese titles, mostly public), and cheap
 * (a million records in a few seconds). Slugs start with `synthetic-` so they never collide with
 * the demo set and are easy to delete.
 */
import type { ItemKind, NewItem, Precision, Rights } from '../../domain/types';
import { hash32, mulberry32 } from './demo-palette';
import { createPointSampler, provinceOf } from './synthetic-geo';
import { KIND_NOUNS, placeName } from './synthetic-names';

/** Share of each kind, roughly as in provincial inventories (sites and structures dominate). */
const KIND_WEIGHTS: Array<[ItemKind, number]> = [
	['structure', 0.34],
	['site', 0.24],
	['practice', 0.18],
	['artefact', 0.12],
	['document', 0.06],
	['event', 0.04],
	['person', 0.02]
];

const SUBJECTS_BY_KIND: Record<ItemKind, string[]> = {
	site: ['archaeology', 'landscape', 'military-history', 'revolutionary-history'],
	structure: ['architecture', 'religion', 'royal-heritage', 'sculpture'],
	artefact: ['archaeology', 'pottery', 'sculpture', 'gong-culture'],
	document: ['writing', 'oral-literature'],
	practice: ['festival', 'ritual', 'music', 'weaving', 'handicraft', 'cuisine', 'performing-arts'],
	event: ['military-history', 'revolutionary-history', 'festival'],
	person: ['handicraft', 'music', 'revolutionary-history']
};

const RIGHTS: Rights = {
	license: 'https://creativecommons.org/publicdomain/zero/1.0/',
	holder: null,
	credit: 'Dữ liệu tổng hợp để thử tải – synthetic test data',
	sourceInstitution: null
};

function pickKind(x: number): ItemKind {
	for (const [kind, w] of KIND_WEIGHTS) {
		if (x < w) return kind;
		x -= w;
	}
	return 'structure';
}

function pickPrecision(x: number): Precision {
	return x < 0.85 ? 'exact' : x < 0.95 ? 'approximate' : x < 0.99 ? 'region' : 'hidden';
}

/** Most records are from the last five centuries; about one in ten is prehistoric (BCE). */
function pickYears(r: () => number): [number | null, number | null] {
	const x = r();
	if (x < 0.08) return [null, null];
	const start =
		x < 0.18
			? -2000 + Math.floor(r() * 2000)
			: x < 0.38
				? Math.floor(r() * 1500)
				: x < 0.85
					? 1500 + Math.floor(r() * 446)
					: 1946 + Math.floor(r() * 79);
	const end = r() < 0.5 ? null : Math.min(2025, start + Math.floor(r() * 300));
	return [start, end];
}

const centuryLabel = (y: number | null): { vi: string; en: string } =>
	y === null
		? { vi: 'chưa xác định', en: 'undated' }
		: y < 0
			? { vi: `khoảng năm ${-y} TCN`, en: `about ${-y} BCE` }
			: { vi: `khoảng năm ${y}`, en: `about ${y}` };

/** Yields `n` synthetic records; the same `(n, seed)` always yields the same records. */
export function* generateSyntheticItems(n: number, seed = 1): Generator<NewItem> {
	if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
	const r = mulberry32(hash32(`disan-synthetic-${seed}`));
	const samplePoint = createPointSampler(r);
	for (let i = 0; i < n; i++) {
		const kind = pickKind(r());
		const nouns = KIND_NOUNS[kind];
		const [nounVi, nounEn] = nouns[Math.floor(r() * nouns.length)];
		const [nameVi, nameEn] = placeName(r);
		const { point, cluster } = samplePoint();
		const local = cluster && cluster.groups.length > 0 && r() < 0.6;
		const ethnic = local ? cluster.groups[Math.floor(r() * cluster.groups.length)] : 'kinh';
		const subjects = SUBJECTS_BY_KIND[kind];
		const subject = subjects[Math.floor(r() * subjects.length)];
		const [startYear, endYear] = pickYears(r);
		const s = r();
		const v = r();
		const community = v < 0.02;
		const where = cluster?.name ?? 'nông thôn';
		yield {
			slug: `synthetic-${seed}-${i}`,
			kind,
			status: s < 0.03 ? 'draft' : 'published',
			visibility: community ? 'community' : 'public',
			communityGroups: community ? [`cong-dong-${ethnic}`] : [],
			title: { vi: `${nounVi} ${nameVi}`, en: `${nameEn} ${nounEn}` },
			summary: {
				vi: `Bản ghi tổng hợp số ${i} gần ${where}, dùng để thử tải.`,
				en: `Synthetic record ${i} near ${cluster ? nameEnOf(cluster.name) : 'the countryside'}, for load testing.`
			},
			body: {
				vi: `${nounVi} ${nameVi} là dữ liệu giả lập, không phải di sản có thật.`,
				en: 'Generated test data, not a real heritage record.'
			},
			location: { point, geometry: null, precision: pickPrecision(r()) },
			place: { province: cluster ? provinceOf(cluster) : null, district: null, commune: null },
			time: { startYear, endYear, label: centuryLabel(startYear) },
			ethnicGroups: [ethnic],
			subjects: [subject],
			rights: RIGHTS,
			dc: {
				creator: ['Disan synthetic generator'],
				contributor: [],
				source: null,
				relation: [],
				language: ['vi']
			}
		};
	}
}

/** Town names are Vietnamese; English text only needs them without diacritics. */
const foldCache = new Map<string, string>();
function nameEnOf(name: string): string {
	let en = foldCache.get(name);
	if (en === undefined) {
		en = name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
		foldCache.set(name, en);
	}
	return en;
}

/** Groups the generator's output into arrays, for `createMany` in chunks. */
export function* syntheticBatches(n: number, batchSize: number, seed = 1): Generator<NewItem[]> {
	let batch: NewItem[] = [];
	for (const item of generateSyntheticItems(n, seed)) {
		batch.push(item);
		if (batch.length === batchSize) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length > 0) yield batch;
}
