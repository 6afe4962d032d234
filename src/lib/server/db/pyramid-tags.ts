/**
 * Packs the tile tags of every item into a few typed arrays and one UTF-8 buffer while an engine
 * streams them for the tile pyramid (about 80 bytes an item, instead of an object and two strings),
 * and reads one back as TileItemProps. Shared by both engines' pointsForPyramid.
 */
import type { PyramidTags, TileItemProps } from './ports';

export class PyramidTagsBuilder {
	private n = 0;
	private cap = 1024;
	private kinds: string[] = [];
	private kindOf = new Map<string, number>();
	private kindIndex = new Uint8Array(this.cap);
	private cover = new Float64Array(this.cap);
	private offsets = new Float64Array(2 * this.cap + 1);
	private text = Buffer.alloc(64 * 1024);
	private used = 0;

	/** Appends the next item's tags (the same order as its point). Empty titles count as none. */
	add(kind: string, titleVi: string | null, titleEn: string | null, cover: number | null): void {
		if (this.n === this.cap) this.grow();
		let k = this.kindOf.get(kind);
		if (k === undefined) {
			if (this.kinds.length === 255) throw new Error('The tile pyramid supports 255 item kinds');
			k = this.kinds.length;
			this.kinds.push(kind);
			this.kindOf.set(kind, k);
		}
		this.kindIndex[this.n] = k;
		this.cover[this.n] = cover ?? 0;
		this.offsets[2 * this.n] = this.used;
		this.write(titleVi);
		this.offsets[2 * this.n + 1] = this.used;
		this.write(titleEn);
		this.offsets[2 * this.n + 2] = this.used;
		this.n += 1;
	}

	finish(): PyramidTags {
		return {
			kinds: this.kinds,
			kindIndex: this.kindIndex.slice(0, this.n),
			cover: this.cover.slice(0, this.n),
			text: Buffer.from(this.text.subarray(0, this.used)),
			offsets: this.offsets.slice(0, 2 * this.n + 1)
		};
	}

	private write(title: string | null): void {
		if (!title) return;
		const need = Buffer.byteLength(title);
		if (this.used + need > this.text.length) {
			const bigger = Buffer.alloc(Math.max(this.text.length * 2, this.used + need));
			this.text.copy(bigger, 0, 0, this.used);
			this.text = bigger;
		}
		this.used += this.text.write(title, this.used);
	}

	private grow(): void {
		this.cap *= 2;
		const kindIndex = new Uint8Array(this.cap);
		kindIndex.set(this.kindIndex);
		const cover = new Float64Array(this.cap);
		cover.set(this.cover);
		const offsets = new Float64Array(2 * this.cap + 1);
		offsets.set(this.offsets);
		this.kindIndex = kindIndex;
		this.cover = cover;
		this.offsets = offsets;
	}
}

/** The tags of the item at position `i` (as tileProps gives them). */
export function pyramidTagsAt(tags: PyramidTags, i: number, id: number): TileItemProps {
	const o = tags.offsets;
	const title = (a: number, b: number) => (b > a ? tags.text.toString('utf8', a, b) : null);
	return {
		id,
		kind: tags.kinds[tags.kindIndex[i]],
		title_vi: title(o[2 * i], o[2 * i + 1]),
		title_en: title(o[2 * i + 1], o[2 * i + 2]),
		cover: tags.cover[i] === 0 ? null : tags.cover[i]
	};
}

/** Bytes held (for the benchmark and health pages). */
export function pyramidTagsBytes(tags: PyramidTags): number {
	return (
		tags.kindIndex.byteLength + tags.cover.byteLength + tags.text.length + tags.offsets.byteLength
	);
}
