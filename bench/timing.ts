import { performance } from 'node:perf_hooks';

/** One sequential call of a kind, timed: its index picks its request. */
export type Timed = (index: number) => Promise<number>;

export async function timed(work: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await work();
	return performance.now() - started;
}

/** Sequential calls of two kinds, alternating which goes first, so that drift in the machine hits both alike. */
export async function interleaved(
	count: number,
	first: Timed,
	second: Timed,
): Promise<{ first: number[]; second: number[] }> {
	const samples = { first: [] as number[], second: [] as number[] };
	for (let index = 0; index < count; index++) {
		if (index % 2 === 0) {
			samples.first.push(await first(index));
			samples.second.push(await second(index));
		} else {
			samples.second.push(await second(index));
			samples.first.push(await first(index));
		}
	}
	return samples;
}
