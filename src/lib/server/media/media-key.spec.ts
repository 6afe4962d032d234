import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { derivativeKey, derivativePrefix, extensionForMime, newMediaKey } from './media-key';
import { MEDIA_KEY_PATTERN } from './media-store';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('extensionForMime', () => {
	it.each([
		['image/jpeg', 'jpg'],
		['IMAGE/JPEG; q=0.9', 'jpg'],
		['image/png', 'png'],
		['video/mp4', 'mp4'],
		['audio/x-wav', 'wav'],
		['application/pdf', 'pdf'],
		['model/gltf-binary', 'glb']
	])('%s → %s', (mime, ext) => {
		expect(extensionForMime(mime)).toBe(ext);
	});

	it.each(['image/svg+xml', 'text/html', 'application/x-msdownload', '', 'jpg'])(
		'refuses %j with a message naming accepted types',
		(mime) => {
			expect(() => extensionForMime(mime)).toThrow(ValidationError);
			expect(() => extensionForMime(mime)).toThrow(/image\/jpeg/);
		}
	);
});

describe('newMediaKey', () => {
	it('files an original under originals/<yyyy>/<mm>/<uuid>.<ext> in UTC', () => {
		const key = newMediaKey('image', 'jpg', new Date('2026-11-30T23:30:00-05:00'));
		expect(key).toMatch(new RegExp(`^originals/2026/12/${UUID}\\.jpg$`));
		expect(key).toMatch(MEDIA_KEY_PATTERN);
	});

	it('gives a different key every time', () => {
		const keys = new Set(Array.from({ length: 50 }, () => newMediaKey('video', 'mp4')));
		expect(keys.size).toBe(50);
	});

	it('accepts the extensions of each kind, including scans as documents', () => {
		expect(newMediaKey('document', 'pdf')).toMatch(/\.pdf$/);
		expect(newMediaKey('document', 'jpg')).toMatch(/\.jpg$/);
		expect(newMediaKey('model3d', 'glb')).toMatch(/\.glb$/);
		expect(newMediaKey('panorama', 'webp')).toMatch(/\.webp$/);
	});

	it.each([
		['image', 'pdf'],
		['video', 'jpg'],
		['image', '../jpg'],
		['image', 'JPG'],
		['image', 'exe'],
		['image', '']
	])('refuses a %s with extension %j', (kind, ext) => {
		expect(() => newMediaKey(kind, ext)).toThrow(ValidationError);
	});

	it('refuses an unknown kind, naming the known ones', () => {
		expect(() => newMediaKey('originals', 'jpg')).toThrow(/image, video/);
		expect(() => newMediaKey('../image', 'jpg')).toThrow(ValidationError);
	});
});

describe('derivativeKey', () => {
	const original = 'originals/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e.jpg';

	it('puts derivatives under the original stem', () => {
		expect(derivativePrefix(original)).toBe(
			'derivatives/originals/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e/'
		);
		expect(derivativeKey(original, 'w800.webp')).toBe(
			'derivatives/originals/2026/11/0f8fad5b-d9cb-469f-a165-70867728950e/w800.webp'
		);
		expect(derivativeKey(original, 'hls/seg_001.ts')).toMatch(/\/hls\/seg_001\.ts$/);
	});

	it('keeps every derivative key inside its original’s prefix', () => {
		for (const variant of ['poster.jpg', 'w1600.jpg', 'hls/index.m3u8']) {
			expect(derivativeKey(original, variant).startsWith(derivativePrefix(original))).toBe(true);
		}
	});

	it.each(['../x.jpg', '/w800.webp', 'W800.webp', 'w800', 'w800.exe', 'a//b.jpg', '', 'x.jpg/'])(
		'refuses the variant %j',
		(variant) => {
			expect(() => derivativeKey(original, variant)).toThrow(ValidationError);
		}
	);

	it('refuses an original key that is not ours', () => {
		expect(() => derivativeKey('../etc/passwd', 'w800.webp')).toThrow(ValidationError);
		expect(() => derivativeKey('Photos/IMG 1.JPG', 'w800.webp')).toThrow(ValidationError);
	});
});
