import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { qrSvg } from './qr.server';

/** Rasterises the SVG the way a printer would, then reads it back with an independent decoder. */
async function decode(svg: string, width = 400): Promise<string | null> {
	const { data, info } = await sharp(Buffer.from(svg), { density: 300 })
		.resize(width, width, { kernel: 'nearest' })
		.flatten({ background: '#ffffff' })
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	const code = jsQR(
		new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
		info.width,
		info.height
	);
	return code?.data ?? null;
}

describe('qrSvg', () => {
	it('decodes to exactly the item URL', async () => {
		for (const url of [
			'http://127.0.0.1:4173/items/42',
			'https://thuvien.kontum.example/items/2147483647'
		]) {
			const svg = await qrSvg(url, { label: 'Mã QR' });
			expect(await decode(svg)).toBe(url);
		}
	});

	it('is an accessible, scalable SVG with an escaped label', async () => {
		const svg = await qrSvg('https://disan.example/items/1', {
			label: 'Mã QR <Nhà rông> & "Ba Na"',
			size: 256
		});
		expect(svg).toMatch(
			/^<svg role="img" aria-label="Mã QR &#60;Nhà rông&#62; &#38; &#34;Ba Na&#34;"/
		);
		expect(svg).toContain('width="256" height="256"');
		expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
		expect(svg).toContain('<title>Mã QR &#60;Nhà rông&#62;');
		expect(svg).not.toMatch(/<script/i);
	});
});
