import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItemAt } from '../../../../tests/support/factories/item.factory';
import type { LngLat, Viewer } from '../../domain/types';
import { haversineMeters } from '../../geo/distance';
import { publicPointFor } from '../../geo/generalise';
import { createDatabase } from '../db/create-database';
import type { Database } from '../db/ports';
import { NotFoundError } from '../errors';
import { ANONYMOUS } from './access.service';
import { ItemService } from './item.service';

const STAFF: Viewer = { kind: 'staff', userId: 1 };
/** Kon Tum town; 0.01° of latitude is about 1.1 km. */
const HERE: LngLat = [108.0, 14.35];
const north = (km: number): LngLat => [HERE[0], HERE[1] + km / 111.2];

let dir: string;
let db: Database;
let service: ItemService;
const ids: Record<string, number> = {};

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'disan-item-nearby-'));
	db = await createDatabase({ dialect: 'sqlite', path: join(dir, 'nearby.sqlite') });
	service = new ItemService({ items: db.items, media: db.media, vocabularies: db.vocabularies });
	const add = async (name: string, ...args: Parameters<typeof buildItemAt>) => {
		ids[name] = (await db.items.create(buildItemAt(...args))).id;
	};
	await add('centre', HERE);
	await add('oneKm', north(1));
	await add('fiveKm', north(5));
	await add('farAway', north(300));
	await add('draft', north(0.3), { status: 'draft' });
	await add('staffOnly', north(0.5), { visibility: 'staff' });
	// True point 200 m from the centre; published at a ~20 km grid-cell centre.
	await add('sacred', north(0.2), {}, 'region');
	await add('hidden', north(0.1), {}, 'hidden');
});

afterAll(async () => {
	await db?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ItemService.nearby', () => {
	it('lists published neighbours nearest first, without the item itself, with distances', async () => {
		const near = await service.nearby(ANONYMOUS, ids.centre, { limit: 10, lang: 'vi' });
		const order = near.map((n) => n.id);
		expect(order.slice(0, 2)).toEqual([ids.oneKm, ids.fiveKm]);
		expect(order).not.toContain(ids.centre);
		expect(near[0].meters).toBeGreaterThan(950);
		expect(near[0].meters).toBeLessThan(1050);
		expect(near[0]).toMatchObject({ title: expect.any(String), coverUrl: null });
	});

	it('keeps drafts, restricted, hidden and far records out for the public', async () => {
		const order = (await service.nearby(ANONYMOUS, ids.centre, { limit: 10, lang: 'vi' })).map(
			(n) => n.id
		);
		for (const name of ['draft', 'staffOnly', 'hidden', 'farAway']) {
			expect(order).not.toContain(ids[name]);
		}
		const staff = (await service.nearby(STAFF, ids.centre, { limit: 10, lang: 'vi' })).map(
			(n) => n.id
		);
		expect(staff).toContain(ids.staffOnly);
	});

	it('measures a sensitive site from its public point, never its true one', async () => {
		const near = await service.nearby(ANONYMOUS, ids.sacred, { limit: 10, lang: 'vi' });
		const published = publicPointFor(north(0.2), 'region')!;
		const centre = near.find((n) => n.id === ids.centre)!;
		expect(centre.meters).toBe(Math.round(haversineMeters(published, HERE)));
		// The true point is 200 m away; the published one is kilometres off.
		expect(centre.meters).toBeGreaterThan(2000);
		// Neighbours see the sensitive site at its public point too.
		const fromCentre = await service.nearby(ANONYMOUS, ids.centre, { limit: 10, lang: 'vi' });
		const sacred = fromCentre.find((n) => n.id === ids.sacred);
		expect(sacred?.meters).toBe(centre.meters);
		expect(sacred?.publicPoint).toEqual(published);
	});

	it('gives a hidden location no neighbours and honours the limit', async () => {
		expect(await service.nearby(ANONYMOUS, ids.hidden, { limit: 5, lang: 'vi' })).toEqual([]);
		const one = await service.nearby(ANONYMOUS, ids.centre, { limit: 1, lang: 'en' });
		expect(one.map((n) => n.id)).toEqual([ids.oneKm]);
		const capped = await service.nearby(ANONYMOUS, ids.centre, {
			limit: 10,
			lang: 'vi',
			maxMeters: 2000
		});
		expect(capped.map((n) => n.id)).toEqual([ids.oneKm]);
	});

	it('is not found for records the viewer may not read', async () => {
		for (const name of ['draft', 'staffOnly']) {
			await expect(service.nearby(ANONYMOUS, ids[name], { limit: 5, lang: 'vi' })).rejects.toThrow(
				NotFoundError
			);
		}
		await expect(service.nearby(ANONYMOUS, 999_999, { limit: 5, lang: 'vi' })).rejects.toThrow(
			NotFoundError
		);
	});
});
