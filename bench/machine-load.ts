import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * How busy the machine was with other work while the bench ran: every CPU tick the machine spent (from
 * /proc/stat) minus the ticks of the bench's own process tree. Linux only; elsewhere there is no reading.
 */
export interface CpuSample {
	machineBusy: number;
	machineTotal: number;
	ownTicks: number;
}

function machineTicks(): { busy: number; total: number } {
	const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = values.map(Number);
	const busy = user + nice + system + irq + softirq + steal;
	return { busy, total: busy + idle + iowait };
}

/** utime + stime, plus cutime + cstime: the children it has reaped (n8n, npm) count as its own. */
function processTicks(pid: number | 'self'): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name, which may hold spaces: index 0 is field 3 (state), so field n is n - 3.
	const fields = stat
		.slice(stat.lastIndexOf(')') + 2)
		.split(' ')
		.map(Number);
	return fields[11] + fields[12] + fields[13] + fields[14];
}

/** `livePids`: children still running (the bench provider), whose ticks are not reaped into ours yet. */
export function sampleCpu(livePids: number[]): CpuSample | undefined {
	try {
		const { busy, total } = machineTicks();
		const ownTicks =
			processTicks('self') + livePids.reduce((sum, pid) => sum + processTicks(pid), 0);
		return { machineBusy: busy, machineTotal: total, ownTicks };
	} catch {
		return undefined;
	}
}

/** Ticks counted between two samples, in percent of the whole machine's CPU (all cores). */
function machinePercent(
	from: CpuSample | undefined,
	to: CpuSample | undefined,
	ticks: (from: CpuSample, to: CpuSample) => number,
): number | undefined {
	if (from === undefined || to === undefined || to.machineTotal === from.machineTotal)
		return undefined;
	return (100 * ticks(from, to)) / (to.machineTotal - from.machineTotal);
}

/** Percent of the whole machine's CPU that other processes used between two samples. */
export function othersShare(
	from: CpuSample | undefined,
	to: CpuSample | undefined,
): number | undefined {
	const others = machinePercent(
		from,
		to,
		(first, last) => last.machineBusy - first.machineBusy - (last.ownTicks - first.ownTicks),
	);
	return others === undefined ? undefined : Math.max(0, others);
}

/** Percent of the whole machine's CPU that was busy between two samples, whoever used it. */
export const busyShare = (from: CpuSample | undefined, to: CpuSample | undefined) =>
	machinePercent(from, to, (first, last) => last.machineBusy - first.machineBusy);

/** The 1-minute load average, sampled every few seconds, for its peak during the run. */
export function watchLoadAverage(intervalMs = 5_000): { peak(): number; stop(): void } {
	let peak = loadavg()[0];
	const timer = setInterval(() => {
		peak = Math.max(peak, loadavg()[0]);
	}, intervalMs);
	timer.unref();
	return {
		peak: () => Math.max(peak, loadavg()[0]),
		stop: () => clearInterval(timer),
	};
}
