import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { zodMessage } from '../server/http';
import { parseTileFilter, tilePathSchema } from './tile.schema';

const message = (fn: () => unknown) => {
	try {
		fn();
	} catch (err) {
		if (err instanceof ZodError) return zodMessage(err);
		throw err;
	}
	throw new Error('expected a ZodError');
};

describe('tile request schema', () => {
	it('reads z/x/y.mvt and refuses anything else with the part named', () => {
		expect(tilePathSchema.parse({ z: '14', x: '13107', y: '7571.mvt' })).toEqual({
			z: 14,
			x: 13107,
			y: 7571
		});
		expect(message(() => tilePathSchema.parse({ z: '14', x: '1', y: '2.png' }))).toBe(
			'Tile y must be a whole number followed by .mvt; got "2.png"'
		);
		expect(message(() => tilePathSchema.parse({ z: '-1', x: '1', y: '2.mvt' }))).toMatch(
			/^Tile zoom must be a whole number/
		);
		expect(message(() => tilePathSchema.parse({ z: '1', x: '1e3', y: '2.mvt' }))).toMatch(
			/^Tile x must/
		);
	});

	it('turns the query into an ItemFilter, ignoring empty parameters', () => {
		const q = new URLSearchParams(
			'kind=site,practice&ethnicGroup=bahnar&province=Kon Tum&from=-200&to=1900&x='
		);
		expect(parseTileFilter(q)).toEqual({
			kinds: ['site', 'practice'],
			ethnicGroups: ['bahnar'],
			province: 'Kon Tum',
			fromYear: -200,
			toYear: 1900
		});
		expect(parseTileFilter(new URLSearchParams('kind='))).toEqual({});
		expect(
			parseTileFilter(new URLSearchParams('textLang=bdq&collection=nha-rong-tay-nguyen'))
		).toEqual({ textLang: 'bdq', collection: 'nha-rong-tay-nguyen' });
	});

	it('explains bad filters', () => {
		expect(message(() => parseTileFilter(new URLSearchParams('kind=castle')))).toMatch(
			/Unknown kind "castle": use one of site/
		);
		expect(message(() => parseTileFilter(new URLSearchParams('from=1.5')))).toBe(
			'from must be a whole year from -10000 to 3000 (negative = BCE); got "1.5"'
		);
		expect(message(() => parseTileFilter(new URLSearchParams('to=99999')))).toMatch(/^to must/);
		expect(message(() => parseTileFilter(new URLSearchParams('from=1900&to=1800')))).toMatch(
			/must not be later than to/
		);
		expect(message(() => parseTileFilter(new URLSearchParams('textLang=1')))).toMatch(
			/^textLang must be a language tag/
		);
	});
});
