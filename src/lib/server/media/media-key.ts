/**
 * Keys for the media store. We generate every key ourselves (a UUID under a dated prefix), so a
 * user's filename never reaches a path or an S3 key, and the extension comes from a whitelist
 * chosen by MIME type rather than from what the browser claimed the file was called.
 */
import { randomUUID } from 'node:crypto';
import { MEDIA_KINDS, type MediaKind } from '../../domain/types';
import { ValidationError } from '../errors';
import { assertMediaKey } from './media-store';

/** MIME type → extension. Only types we can serve safely (no SVG or HTML: they run scripts). */
const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
	'image/jpeg': 'jpg',
	'image/jpg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/avif': 'avif',
	'image/gif': 'gif',
	'image/tiff': 'tif',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'video/mp2t': 'ts',
	'application/vnd.apple.mpegurl': 'm3u8',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/aac': 'aac',
	'audio/ogg': 'ogg',
	'audio/webm': 'weba',
	'audio/flac': 'flac',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'application/pdf': 'pdf',
	'text/plain': 'txt',
	'model/gltf-binary': 'glb',
	'model/gltf+json': 'gltf'
};

const IMAGE_EXTENSIONS = ['jpg', 'png', 'webp', 'avif', 'gif', 'tif'];

/** Which extensions an original of each kind may have; a scanned document may be an image. */
const EXTENSIONS_BY_KIND: Readonly<Record<MediaKind, readonly string[]>> = {
	image: IMAGE_EXTENSIONS,
	panorama: IMAGE_EXTENSIONS,
	video: ['mp4', 'webm', 'mov'],
	audio: ['mp3', 'm4a', 'aac', 'ogg', 'weba', 'flac', 'wav'],
	document: ['pdf', 'txt', ...IMAGE_EXTENSIONS],
	model3d: ['glb', 'gltf']
};

const ALLOWED_EXTENSIONS = new Set(Object.values(EXTENSION_BY_MIME));

/** Lower-cased MIME type without parameters: `Image/JPEG; q=1` → `image/jpeg`. */
function essence(mimeType: string): string {
	return mimeType.split(';')[0].trim().toLowerCase();
}

/** The extension we store a file of this MIME type under; rejects types we do not accept. */
export function extensionForMime(mimeType: string): string {
	const ext = EXTENSION_BY_MIME[essence(mimeType)];
	if (!ext) {
		const accepted = [...new Set(Object.keys(EXTENSION_BY_MIME))].join(', ');
		throw new ValidationError(
			`Files of type ${JSON.stringify(mimeType)} are not accepted. Convert the file to one of: ${accepted}.`
		);
	}
	return ext;
}

function isMediaKind(kind: string): kind is MediaKind {
	return (MEDIA_KINDS as readonly string[]).includes(kind);
}

/**
 * A fresh key for an original: `originals/<yyyy>/<mm>/<uuid>.<ext>` (UTC month). `kind` is a
 * MediaKind and `ext` must be one `extensionForMime` gives for that kind, so a PDF cannot be
 * filed as an image by mistake.
 */
export function newMediaKey(kind: string, ext: string, now: Date = new Date()): string {
	if (!isMediaKind(kind)) {
		throw new ValidationError(
			`Unknown media kind ${JSON.stringify(kind)}; use one of: ${MEDIA_KINDS.join(', ')}.`
		);
	}
	const allowed = EXTENSIONS_BY_KIND[kind];
	if (!allowed.includes(ext)) {
		throw new ValidationError(
			`A ${kind} file cannot have the extension ${JSON.stringify(ext)}; accepted: ${allowed.join(', ')}.`
		);
	}
	const year = String(now.getUTCFullYear()).padStart(4, '0');
	const month = String(now.getUTCMonth() + 1).padStart(2, '0');
	const key = `originals/${year}/${month}/${randomUUID()}.${ext}`;
	assertMediaKey(key);
	return key;
}

const VARIANT_SEGMENT = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9]+)?$/;

/**
 * Where derivatives of an original live: the original's key without its extension, under
 * `derivatives/`. Keeping them under one prefix lets a job list or delete them all at once.
 */
export function derivativePrefix(originalKey: string): string {
	assertMediaKey(originalKey);
	const dot = originalKey.lastIndexOf('.');
	const slash = originalKey.lastIndexOf('/');
	const stem = dot > slash ? originalKey.slice(0, dot) : originalKey;
	return `derivatives/${stem}/`;
}

/**
 * Key of one derivative, e.g. `derivativeKey('originals/2026/11/<uuid>.jpg', 'w800.webp')` →
 * `derivatives/originals/2026/11/<uuid>/w800.webp`. A variant may have sub-folders
 * (`hls/index.m3u8`); its last segment must end in a whitelisted extension.
 */
export function derivativeKey(originalKey: string, variant: string): string {
	const segments = variant.split('/');
	const last = segments[segments.length - 1];
	const ext = last.includes('.') ? last.slice(last.lastIndexOf('.') + 1) : '';
	if (!segments.every((s) => VARIANT_SEGMENT.test(s)) || !ALLOWED_EXTENSIONS.has(ext)) {
		throw new ValidationError(
			`Invalid derivative name ${JSON.stringify(variant)}: use lowercase letters, digits, '-' or '_' and end with a known extension such as w800.webp.`
		);
	}
	const key = derivativePrefix(originalKey) + variant;
	assertMediaKey(key);
	return key;
}
