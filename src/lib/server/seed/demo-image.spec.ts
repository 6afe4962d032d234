import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { demoImageSvg, renderDemoImage, sceneFor, type DemoImageSubject } from './demo-image';
import { SCENES, type SceneName } from './demo-scenes';

const subject: DemoImageSubject = {
	slug: 'nha-rong-kon-klor',
	kind: 'structure',
	title: { vi: 'Nhà rông Kon Klor & "cầu treo" <Đăk Bla>', en: 'Kon Klor communal house' },
	subjects: ['architecture'],
	province: 'Kon Tum',
	scene: 'rong'
};
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('renderDemoImage', () => {
	it('renders a 1200×800 JPEG with bilingual alt text and caption', async () => {
		const img = await renderDemoImage(subject);
		const meta = await sharp(img.buffer).metadata();
		expect(meta).toMatchObject({ format: 'jpeg', width: 1200, height: 800 });
		expect(img).toMatchObject({ width: 1200, height: 800, mimeType: 'image/jpeg' });
		expect(img.alt.vi).toContain('nhà rông');
		expect(img.alt.en).toContain('communal house');
		expect(img.caption.en).toMatch(/not a photograph/);
	});

	it('gives the same bytes for the same record and different pictures for others', async () => {
		const a = await renderDemoImage(subject);
		const b = await renderDemoImage(subject);
		const c = await renderDemoImage({ ...subject, slug: 'lang-kon-k-tu' });
		expect(sha(a.buffer)).toBe(sha(b.buffer));
		expect(sha(c.buffer)).not.toBe(sha(a.buffer));
	});

	it('escapes the title into the SVG caption', () => {
		const svg = demoImageSvg(subject);
		expect(svg).toContain('&amp; &quot;cầu treo&quot; &lt;Đăk Bla&gt;');
		expect(svg).not.toContain('<Đăk Bla>');
	});

	it('falls back to a motif by kind when the named one is unknown', () => {
		expect(sceneFor({ ...subject, scene: 'no-such-scene' })).toBe('temple');
		expect(sceneFor({ ...subject, kind: 'document', scene: undefined })).toBe('manuscript');
	});

	it('draws every motif as SVG that librsvg accepts', async () => {
		for (const scene of Object.keys(SCENES) as SceneName[]) {
			const svg = demoImageSvg({ ...subject, scene });
			const meta = await sharp(Buffer.from(svg)).metadata();
			expect(meta.format, scene).toBe('svg');
			expect(svg, scene).not.toMatch(/NaN|undefined/);
		}
	});
});
