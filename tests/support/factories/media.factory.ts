import type { NewMediaRecord } from '$lib/domain/types';

let seq = 0;

export function buildMedia(overrides: Partial<NewMediaRecord> = {}): NewMediaRecord {
	seq += 1;
	return {
		itemId: null,
		kind: 'image',
		storageKey: `originals/test/${seq}-${Math.random().toString(36).slice(2, 8)}.jpg`,
		mimeType: 'image/jpeg',
		bytes: 1024 + seq,
		sha256: seq.toString(16).padStart(64, '0'),
		width: 800,
		height: 600,
		durationSeconds: null,
		originalName: `photo-${seq}.jpg`,
		alt: { vi: 'Ảnh', en: 'Photo' },
		caption: {},
		rights: {
			license: 'http://rightsstatements.org/vocab/InC/1.0/',
			holder: 'Thư viện tỉnh',
			credit: null,
			sourceInstitution: null
		},
		position: 0,
		...overrides
	};
}
