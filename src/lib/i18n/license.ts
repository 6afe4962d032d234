import type { Translate } from './translate';

/**
 * A short, recognisable name for a licence or rights-statement URI: "CC BY-SA 4.0", "CC0 1.0".
 * Unknown URIs show their host and path, so the reader still sees what the link is.
 */
export function licenseLabel(uri: string, t: Translate): string {
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return uri;
	}
	const parts = url.pathname.split('/').filter(Boolean);
	if (url.hostname.endsWith('creativecommons.org')) {
		if (parts[0] === 'licenses' && parts[1]) {
			return `CC ${parts[1].toUpperCase()}${parts[2] ? ` ${parts[2]}` : ''}`;
		}
		if (parts[0] === 'publicdomain' && parts[1] === 'zero') return `CC0 ${parts[2] ?? ''}`.trim();
		if (parts[0] === 'publicdomain' && parts[1] === 'mark') return t('license.publicDomain');
	}
	if (url.hostname.endsWith('rightsstatements.org') && parts[0] === 'vocab' && parts[1]) {
		return t('license.rightsStatement', { code: parts[1] });
	}
	return `${url.hostname}${url.pathname}`.replace(/\/$/, '');
}
