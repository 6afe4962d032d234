/**
 * Loads `size` synthetic records as an import job would: one `items.importMany` over batches of
 * `batchSize` records (SQLite defers index upkeep to its end; PostGIS keeps GiST/GIN current).
 * Generating the records happens inside the import (it reads the batches lazily), so it is timed
 * on its own and subtracted: the load time is the import minus generation.
 */
import vocabulariesFile from '../../db/seed/vocabularies.json';
import type { NewItem } from '../../src/lib/domain/types';
import { parseVocabularies } from '../../src/lib/server/seed/demo-data';
import { syntheticBatches } from '../../src/lib/server/seed/synthetic';
import type { BenchConfig } from './bench-config';
import type { BenchEngine } from './engines/bench-engine';
import type { LoadResult } from './report';
import { timeSqliteStatements } from './sqlite-statement-timer';
import { timeOnce } from './stats';

export async function loadSynthetic(
	engine: BenchEngine,
	size: number,
	cfg: Pick<BenchConfig, 'batchSize' | 'seed'>,
	log: (line: string) => void
): Promise<LoadResult> {
	// Synthetic records name real ethnic-group and subject codes, which must exist first.
	await engine.db.vocabularies.upsert(parseVocabularies(vocabulariesFile));
	let generateMs = 0;
	let nextReport = 0.1;
	const started = process.hrtime.bigint();
	const elapsedMs = () => Number(process.hrtime.bigint() - started) / 1e6;
	/** The generator's batches, with the time spent producing them added up. */
	function* timedBatches(): Generator<NewItem[]> {
		const batches = syntheticBatches(size, cfg.batchSize, cfg.seed);
		for (;;) {
			const t = process.hrtime.bigint();
			const next = batches.next();
			generateMs += Number(process.hrtime.bigint() - t) / 1e6;
			if (next.done) return;
			yield next.value;
		}
	}
	// SQLite: time spent inside statements, the engine's floor for this load (see the timer).
	const timer = engine.name === 'sqlite' ? timeSqliteStatements() : null;
	const imported = await timeOnce(() =>
		engine.db.items.importMany(timedBatches(), (done) => {
			if (done >= nextReport * size) {
				const s = (elapsedMs() - generateMs) / 1000;
				log(`  imported ${done.toLocaleString('en-US')} (${s.toFixed(1)} s in importMany)`);
				while (done >= nextReport * size) nextReport += 0.1;
			}
		})
	);
	const statements = timer?.stop();
	if (imported.value !== size) {
		throw new Error(`importMany imported ${imported.value} records, expected ${size}.`);
	}
	const loadMs = imported.ms - generateMs;
	log(`  import finished: ${(loadMs / 1000).toFixed(1)} s (indexes included)`);
	const analyze = await timeOnce(() => engine.analyze());
	return {
		items: imported.value,
		batchSize: cfg.batchSize,
		loadSeconds: loadMs / 1000,
		analyzeSeconds: analyze.ms / 1000,
		generateSeconds: generateMs / 1000,
		engineSeconds: statements && [...statements.values()].reduce((a, b) => a + b, 0) / 1000,
		engineParts: statements && Object.fromEntries([...statements].map(([k, ms]) => [k, ms / 1000])),
		sizeBytes: await engine.sizeBytes()
	};
}
