/** What the numbers were measured on, printed first and kept in last-run.json. */
import { cpus, loadavg, totalmem, release } from 'node:os';

export interface MachineInfo {
	cpuModel: string;
	cpus: number;
	memoryGb: number;
	os: string;
	node: string;
	/** 1/5/15-minute load averages when the run started: a busy neighbour shows here. */
	loadAverage: number[];
	startedAt: string;
}

export function machineInfo(): MachineInfo {
	const list = cpus();
	return {
		cpuModel: list[0]?.model.trim() ?? 'unknown',
		cpus: list.length,
		memoryGb: Math.round(totalmem() / 1024 ** 3),
		os: `${process.platform} ${release()}`,
		node: process.version,
		loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
		startedAt: new Date().toISOString()
	};
}

export function renderMachine(m: MachineInfo, engines: string[]): string {
	return [
		`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}`,
		`Load average at start: ${m.loadAverage.join(' / ')} (the machine is shared; numbers are medians of passes)`,
		`Engines: ${engines.join('; ')}`
	].join('\n');
}
