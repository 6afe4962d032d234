/**
 * JSON.stringify that reuses its previous result when handed equal data again.
 *
 * A bulk import serialises rights and Dublin Core for every record, and the records of one
 * collection nearly always share them (same licence, holder, credit, creator). Comparing with the
 * previous value is several times cheaper than serialising it (escaping, two-byte strings). Only
 * plain objects, arrays and primitives compare equal, key order included, so a reused string is
 * exactly what JSON.stringify would have returned.
 */
export class JsonMemo {
	private lastValue: unknown;
	private lastJson: string | undefined;

	stringify(value: unknown): string {
		if (this.lastJson !== undefined && sameJson(value, this.lastValue)) return this.lastJson;
		const json = JSON.stringify(value);
		this.lastValue = value;
		this.lastJson = json;
		return json;
	}
}

function isPlainObject(v: object): boolean {
	const proto = Object.getPrototypeOf(v);
	return proto === Object.prototype || proto === null;
}

/** True when JSON.stringify gives the same text for both (false whenever unsure). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	for (let i = 0; i < ka.length; i++) {
		const k = ka[i];
		if (k !== kb[i]) return false;
		if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) {
			return false;
		}
	}
	return true;
}
