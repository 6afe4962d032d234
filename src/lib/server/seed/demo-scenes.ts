/**
 * The catalogue of motifs the demo illustrations can draw. `items.json` names one per record
 * (`image.scene`); anything else falls back by kind in demo-image.ts.
 */
import type { SceneContext } from './demo-backdrops';
import * as built from './demo-scenes-built';
import * as land from './demo-scenes-land';
import * as life from './demo-scenes-life';
import * as temples from './demo-scenes-temples';

export const SCENES = {
	rong: built.rong,
	longhouse: built.longhouse,
	tower: (c: SceneContext) => built.tower(c),
	ruins: (c: SceneContext) => built.tower(c, true),
	temple: (c: SceneContext) => built.temple(c),
	'khmer-temple': (c: SceneContext) => built.temple(c, true),
	dinh: temples.dinh,
	gate: temples.gate,
	'one-pillar': temples.onePillar,
	tomb: temples.tomb,
	shophouses: temples.shophouses,
	'pagoda-tower': temples.pagodaTower,
	church: built.church,
	citadel: built.citadel,
	rampart: built.rampart,
	monument: (c: SceneContext) => built.monument(c, false),
	stele: (c: SceneContext) => built.monument(c, true),
	statues: built.statues,
	bridge: built.bridge,
	flagpeak: built.flagpeak,
	gongs: life.gongs,
	dance: (c: SceneContext) => life.people(c, 'dance') + life.pole(c.p, c.cx + 420, c.baseY),
	martial: (c: SceneContext) => life.people(c, 'staff'),
	loom: life.loom,
	jars: (c: SceneContext) => life.jars(c, false),
	'pottery-fire': (c: SceneContext) => life.jars(c, true),
	boat: life.boat,
	manuscript: (c: SceneContext) => life.manuscript(c, false),
	epic: (c: SceneContext) => life.manuscript(c, true),
	karst: (c: SceneContext) => land.karst(c, false),
	lake: (c: SceneContext) => land.karst(c, true),
	pines: land.pines,
	terraces: land.terraces,
	market: life.market,
	puppets: life.puppets,
	mangrove: land.mangrove,
	rocks: land.rocks,
	oxen: life.oxen,
	elephant: life.elephant,
	forge: life.forge,
	instruments: life.instruments,
	trough: life.trough,
	portrait: life.portrait,
	print: life.print
} satisfies Record<string, (ctx: SceneContext) => string>;

export type SceneName = keyof typeof SCENES;

export function isSceneName(name: string): name is SceneName {
	return Object.hasOwn(SCENES, name);
}
