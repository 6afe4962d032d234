/**
 * Loads `size` synthetic records through the repository's createMany, in batches, as an import
 * would. Only the createMany calls are timed (the indexes are kept up to date inside them, by
 * triggers on SQLite and GiST/GIN on PostGIS); generating the records is timed apart.
 */
import vocabulariesFile from '../../db/seed/vocabularies.json';
import { parseVocabularies } from '../../src/lib/server/seed/demo-data';
import { syntheticBatches } from '../../src/lib/server/seed/synthetic';
import type { BenchConfig } from './bench-config';
import type { BenchEngine } from './engines/bench-engine';
import type { LoadResult } from './report';
import { timeOnce } from './stats';

export async function loadSynthetic(
	engine: BenchEngine,
	size: number,
	cfg: Pick<BenchConfig, 'batchSize' | 'seed'>,
	log: (line: string) => void
): Promise<LoadResult> {
	// Synthetic records name real ethnic-group and subject codes, which must exist first.
	await engine.db.vocabularies.upsert(parseVocabularies(vocabulariesFile));
	let loadMs = 0;
	let generateMs = 0;
	let done = 0;
	let nextReport = 0.1;
	const batches = syntheticBatches(size, cfg.batchSize, cfg.seed);
	for (;;) {
		const gen = await timeOnce(() => batches.next());
		generateMs += gen.ms;
		if (gen.value.done) break;
		const batch = gen.value.value;
		const ids = await timeOnce(() => engine.db.items.createMany(batch));
		loadMs += ids.ms;
		if (ids.value.length !== batch.length) {
			throw new Error(`createMany returned ${ids.value.length} ids for ${batch.length} records.`);
		}
		done += batch.length;
		if (done >= nextReport * size) {
			log(
				`  loaded ${done.toLocaleString('en-US')} (${(loadMs / 1000).toFixed(1)} s in createMany)`
			);
			nextReport += 0.1;
		}
	}
	const analyze = await timeOnce(() => engine.analyze());
	return {
		items: done,
		batchSize: cfg.batchSize,
		loadSeconds: loadMs / 1000,
		analyzeSeconds: analyze.ms / 1000,
		generateSeconds: generateMs / 1000,
		sizeBytes: await engine.sizeBytes()
	};
}
