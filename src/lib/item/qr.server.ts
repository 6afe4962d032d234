/**
 * QR codes for plaques at heritage sites: generated on the server (the `qrcode` library, no
 * client script), as SVG so they print sharp at any size. Error correction level Q (25 %)
 * survives weather, dirt and a scratched plaque better than the default M.
 */
import QRCode from 'qrcode';

export interface QrSvgOptions {
	/** Accessible name of the image (the SVG gets role="img" and a <title>). */
	label: string;
	/** Width and height attributes; the viewBox keeps it scalable. */
	size?: number;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SVG document encoding `text`, with a four-module quiet zone as the standard asks. */
export async function qrSvg(text: string, opts: QrSvgOptions): Promise<string> {
	const svg = await QRCode.toString(text, {
		type: 'svg',
		errorCorrectionLevel: 'Q',
		margin: 4,
		color: { dark: '#000000', light: '#ffffff' }
	});
	const size = opts.size ? ` width="${opts.size}" height="${opts.size}"` : '';
	const label = escapeXml(opts.label);
	return svg
		.trim()
		.replace(/^<svg /, `<svg role="img" aria-label="${label}"${size} `)
		.replace(/^(<svg[^>]*>)/, `$1<title>${label}</title>`);
}
