/**
 * Facet counts from memory: the facet fields of every item one scope may read, as typed arrays
 * (about 40 bytes an item: ~40 MB at a million), scanned in one pass per request. Counting in SQL
 * must touch every matching row and its terms and texts (seconds for the whole country at 1M
 * items); a pass over these arrays takes tens of milliseconds. The answers are the repository's
 * exactly (map.service.spec.ts compares them): same disjunctive rule, same bbox edges, same
 * year histograms (db/facet-results.ts).
 *
 * It does not know search text: for a query with `q` the map service builds a small one from the
 * search hits (`fromRows`) and counts those the same way. Ethnic groups and content languages are
 * bitmasks, so an index refuses to build (returns null) when the data has more than 64 groups or
 * 32 title languages, or years outside ±32,767.
 */
import {
	ITEM_KINDS,
	type BBox,
	type ItemFacets,
	type ItemFilter,
	type ItemKind
} from '../../domain/types';
import { splitAntimeridian } from '../../geo/bbox';
import { ordered, yearFacet } from '../db/facet-results';
import type { FacetSourceRow } from '../db/ports';

const NO_YEAR = -32_768;
const MAX_GROUPS = 64;
const MAX_LANGS = 32;

export interface FacetQuery {
	bbox?: BBox;
	/** Everything but `collection`, which arrives as `members`. */
	filter?: ItemFilter;
	/** With a collection filter: the ids of its readable members (none when it is not readable). */
	members?: ReadonlySet<number>;
}

/** Grows typed arrays while rows stream in. */
class Column<
	T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Int16Array | Uint32Array
> {
	data: T;
	constructor(private readonly make: (n: number) => T) {
		this.data = make(1024);
	}
	set(i: number, v: number): void {
		if (i >= this.data.length) {
			const bigger = this.make(this.data.length * 2);
			bigger.set(this.data as never);
			this.data = bigger;
		}
		this.data[i] = v;
	}
	trim(n: number): T {
		return this.data.slice(0, n) as T;
	}
}

export class FacetIndex {
	private constructor(
		readonly size: number,
		private readonly ids: Int32Array,
		private readonly lng: Float64Array,
		private readonly lat: Float64Array,
		private readonly kind: Uint8Array,
		/** 0 = no province; else 1 + index into provinces. */
		private readonly prov: Uint16Array,
		private readonly ys: Int16Array,
		private readonly ye: Int16Array,
		private readonly egLo: Uint32Array,
		private readonly egHi: Uint32Array,
		private readonly langs: Uint32Array,
		private readonly provinces: string[],
		private readonly groups: string[],
		private readonly langCodes: string[],
		/** Rows [0, placed) have a point, sorted by longitude; the rest have none. */
		private readonly placed: number,
		private readonly yearMin: number,
		private readonly yearMax: number
	) {
		for (let i = 0; i < placed; i++) {
			this.extent.south = Math.min(this.extent.south, lat[i]);
			this.extent.north = Math.max(this.extent.north, lat[i]);
		}
		if (placed > 0) {
			this.extent.west = lng[0];
			this.extent.east = lng[placed - 1];
		}
	}

	/** The box around every indexed point. */
	private readonly extent = { west: Infinity, south: Infinity, east: -Infinity, north: -Infinity };
	/**
	 * Answers without any filter, kept for the index's life: the map's first view (the whole
	 * country, nothing picked) asks this again and again.
	 */
	private readonly unfiltered = new Map<'all' | 'placed', ItemFacets>();

	/** Builds from pages of rows (id ascending); null when the data does not fit (see above). */
	static async build(pages: AsyncIterable<FacetSourceRow[]>): Promise<FacetIndex | null> {
		const cols = {
			ids: new Column((n) => new Int32Array(n)),
			lng: new Column((n) => new Float64Array(n)),
			lat: new Column((n) => new Float64Array(n)),
			kind: new Column((n) => new Uint8Array(n)),
			prov: new Column((n) => new Uint16Array(n)),
			ys: new Column((n) => new Int16Array(n)),
			ye: new Column((n) => new Int16Array(n)),
			egLo: new Column((n) => new Uint32Array(n)),
			egHi: new Column((n) => new Uint32Array(n)),
			langs: new Column((n) => new Uint32Array(n))
		};
		const dict = () => {
			const list: string[] = [];
			const index = new Map<string, number>();
			return {
				list,
				of(code: string): number {
					let i = index.get(code);
					if (i === undefined) {
						i = list.length;
						list.push(code);
						index.set(code, i);
					}
					return i;
				}
			};
		};
		const provinces = dict();
		const groups = dict();
		const langs = dict();
		const kinds = new Map(ITEM_KINDS.map((k, i) => [k as string, i]));
		let n = 0;
		for await (const page of pages) {
			for (const r of page) {
				const kind = kinds.get(r.kind);
				const years = [r.spanStart, r.spanEnd];
				if (kind === undefined || years.some((y) => y !== null && Math.abs(y) > 32_767)) {
					return null;
				}
				let lo = 0;
				let hi = 0;
				for (const g of r.ethnicGroups) {
					const bit = groups.of(g);
					if (bit >= MAX_GROUPS) return null;
					if (bit < 32) lo |= 1 << bit;
					else hi |= 1 << (bit - 32);
				}
				let lm = 0;
				for (const l of r.titleLangs) {
					const bit = langs.of(l);
					if (bit >= MAX_LANGS) return null;
					lm |= 1 << bit;
				}
				const prov = r.province === null ? 0 : provinces.of(r.province) + 1;
				if (prov > 0xffff) return null;
				cols.ids.set(n, r.id);
				cols.lng.set(n, r.lng ?? NaN);
				cols.lat.set(n, r.lat ?? NaN);
				cols.kind.set(n, kind);
				cols.prov.set(n, prov);
				cols.ys.set(n, r.spanStart ?? NO_YEAR);
				cols.ye.set(n, r.spanEnd ?? NO_YEAR);
				cols.egLo.set(n, lo);
				cols.egHi.set(n, hi);
				cols.langs.set(n, lm);
				n++;
			}
		}
		// Sorted by longitude, rows without a point last, so a box scans one slice.
		const lngs = cols.lng.data;
		const order = new Int32Array(n);
		for (let i = 0; i < n; i++) order[i] = i;
		order.sort((a, b) => {
			const x = Number.isNaN(lngs[a]) ? Infinity : lngs[a];
			const y = Number.isNaN(lngs[b]) ? Infinity : lngs[b];
			return x - y || a - b;
		});
		const permute = <
			T extends Int32Array | Float64Array | Uint8Array | Uint16Array | Int16Array | Uint32Array
		>(
			c: Column<T>
		): T => {
			const out = c.trim(n);
			for (let i = 0; i < n; i++) out[i] = c.data[order[i]];
			return out;
		};
		let placed = 0;
		while (placed < n && !Number.isNaN(lngs[order[placed]])) placed++;
		let yearMin = 0;
		let yearMax = -1;
		for (let i = 0; i < n; i++) {
			const a = cols.ys.data[i];
			if (a === NO_YEAR) continue;
			const b = cols.ye.data[i];
			if (yearMax < yearMin) [yearMin, yearMax] = [a, b];
			yearMin = Math.min(yearMin, a, b);
			yearMax = Math.max(yearMax, a, b);
		}
		return new FacetIndex(
			n,
			permute(cols.ids),
			permute(cols.lng),
			permute(cols.lat),
			permute(cols.kind),
			permute(cols.prov),
			permute(cols.ys),
			permute(cols.ye),
			permute(cols.egLo),
			permute(cols.egHi),
			permute(cols.langs),
			provinces.list,
			groups.list,
			langs.list,
			placed,
			yearMin,
			yearMax
		);
	}

	/** An index of a few rows held already (the hits of a search); null as `build`. */
	static async fromRows(rows: FacetSourceRow[]): Promise<FacetIndex | null> {
		return FacetIndex.build(
			(async function* () {
				yield rows;
			})()
		);
	}

	/** Disjunctive counts (see ItemRepository.facets) over the indexed items. */
	count(query: FacetQuery): ItemFacets {
		const { bbox, filter = {}, members } = query;
		const filtered =
			members !== undefined ||
			Object.values(filter).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0));
		if (filtered) return this.scanAll(query);
		// A box holding every point counts what "every point" counts.
		const whole = bbox === undefined ? 'all' : this.covers(bbox) ? 'placed' : null;
		if (whole === null) return this.scanAll(query);
		let known = this.unfiltered.get(whole);
		if (!known) {
			known = this.scanAll(whole === 'all' ? {} : { bbox: this.extent });
			this.unfiltered.set(whole, known);
		}
		return known;
	}

	/** Whether the box holds every indexed point. */
	covers(bbox: BBox): boolean {
		const e = this.extent;
		if (e.west > e.east) return true; // no points at all: any box holds all of none
		return splitAntimeridian(bbox).some(
			(b) => b.west <= e.west && b.east >= e.east && b.south <= e.south && b.north >= e.north
		);
	}

	private scanAll({ bbox, filter = {}, members }: FacetQuery): ItemFacets {
		const kindOk = new Uint8Array(ITEM_KINDS.length).fill(filter.kinds?.length ? 0 : 1);
		for (const k of filter.kinds ?? []) kindOk[ITEM_KINDS.indexOf(k as ItemKind)] = 1;
		// Bits of the asked groups and language; an unknown code is a mask that never matches.
		let wantLo = 0;
		let wantHi = 0;
		for (const g of filter.ethnicGroups ?? []) {
			const bit = this.groups.indexOf(g);
			if (bit >= 32) wantHi |= 1 << (bit - 32);
			else if (bit >= 0) wantLo |= 1 << bit;
		}
		const egOn = (filter.ethnicGroups?.length ?? 0) > 0;
		const provOn = filter.province !== undefined;
		const provWant = provOn ? this.provinces.indexOf(filter.province!) + 1 || -2 : 0;
		const langOn = filter.textLang !== undefined;
		const langIndex = langOn ? this.langCodes.indexOf(filter.textLang!) : -1;
		const langBit = langIndex >= 0 ? 1 << langIndex : 0;
		const yearOn = filter.fromYear !== undefined || filter.toYear !== undefined;
		const from = filter.fromYear ?? -Infinity;
		const to = filter.toYear ?? Infinity;

		const kindCounts = new Float64Array(ITEM_KINDS.length);
		const groupCounts = new Float64Array(this.groups.length);
		const provCounts = new Float64Array(this.provinces.length + 1);
		const langCounts = new Float64Array(this.langCodes.length);
		const yearBase = this.yearMin;
		const starts = new Int32Array(Math.max(0, this.yearMax - this.yearMin + 1));
		const ends = new Int32Array(starts.length);
		let total = 0;

		const { ids, lng, lat, kind, prov, ys, ye, egLo, egHi, langs } = this;
		const scan = (
			lo: number,
			hi: number,
			boxed: boolean,
			south: number,
			north: number,
			east: number
		) => {
			for (let i = lo; i < hi; i++) {
				// Rows are sorted by longitude (no point last): [lo, hi) starts at the box's west
				// edge, so the scan stops past its east edge.
				if (boxed) {
					if (lng[i] > east) break;
					const y = lat[i];
					if (!(y >= south && y <= north)) continue;
				}
				if (members !== undefined && !members.has(ids[i])) continue;
				const k = kind[i];
				const s0 = ys[i];
				const fk = kindOk[k] === 1;
				const fe = !egOn || (egLo[i] & wantLo) !== 0 || (egHi[i] & wantHi) !== 0;
				const fp = !provOn || prov[i] === provWant;
				const fl = !langOn || (langs[i] & langBit) !== 0;
				const fy = !yearOn || (s0 !== NO_YEAR && ye[i] >= from && s0 <= to);
				const failed = (fk ? 0 : 1) + (fe ? 0 : 1) + (fp ? 0 : 1) + (fl ? 0 : 1) + (fy ? 0 : 1);
				if (failed > 1) continue;
				if (failed === 0) total++;
				if (fe && fp && fl && fy) kindCounts[k]++;
				if (fk && fp && fl && fy) {
					for (let m = egLo[i]; m !== 0; m &= m - 1) groupCounts[31 - Math.clz32(m & -m)]++;
					for (let m = egHi[i]; m !== 0; m &= m - 1) groupCounts[63 - Math.clz32(m & -m)]++;
				}
				if (fk && fe && fl && fy) provCounts[prov[i]]++;
				if (fk && fe && fp && fy) {
					for (let m = langs[i]; m !== 0; m &= m - 1) langCounts[31 - Math.clz32(m & -m)]++;
				}
				if (fk && fe && fp && fl && s0 !== NO_YEAR) {
					starts[s0 - yearBase]++;
					ends[ye[i] - yearBase]++;
				}
			}
		};
		if (!bbox) {
			// Rows without a point (NaN, sorted last) count too when no box is given.
			scan(0, this.size, false, 0, 0, Infinity);
		} else {
			for (const b of splitAntimeridian(bbox)) {
				scan(this.firstAtOrEast(b.west), this.placed, true, b.south, b.north, b.east);
			}
		}
		const counts = (codes: readonly string[], values: Float64Array, offset = 0) =>
			codes.map((code, i) => ({ code, count: values[i + offset] }));
		const hist = (h: Int32Array) => {
			const out: Array<{ year: number; count: number }> = [];
			for (let i = 0; i < h.length; i++)
				if (h[i] !== 0) out.push({ year: i + yearBase, count: h[i] });
			return out;
		};
		return {
			total,
			kinds: ordered(counts(ITEM_KINDS, kindCounts)),
			ethnicGroups: ordered(counts(this.groups, groupCounts)),
			provinces: ordered(counts(this.provinces, provCounts, 1)),
			languages: ordered(counts(this.langCodes, langCounts)),
			years: yearFacet({ starts: hist(starts), ends: hist(ends) })
		};
	}

	/** The first row (by longitude) at or east of `west`. */
	private firstAtOrEast(west: number): number {
		let lo = 0;
		let hi = this.placed;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (this.lng[mid] < west) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}
