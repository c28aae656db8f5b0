import type { RecordedRequest } from '../mock-provider/mock-provider-server';
import { excessOverLimit } from './fusion-queue';

const callsAt = (times: number[]) => times.map((receivedAt) => ({ receivedAt }) as RecordedRequest);

describe('excessOverLimit', () => {
	const burst = (count: number, at = 0) => Array.from({ length: count }, () => at);
	const everyTwoSeconds = (count: number, from: number) =>
		Array.from({ length: count }, (_, index) => from + (index + 1) * 2_000);

	it('finds nothing over a bucket of 30 that is emptied at once and then refilled at one call per 2 s', () => {
		expect(excessOverLimit(callsAt([...burst(30), ...everyTwoSeconds(15, 0)]), 30)).toBe(0);
	});

	it('measures two workers that each spend a whole minute of requests', () => {
		expect(excessOverLimit(callsAt([...burst(30), ...burst(30, 300)]), 30)).toBeCloseTo(29.85);
	});

	it('looks at every stretch shorter than a minute, not only the one from the first call', () => {
		const calls = [...burst(30), ...burst(30, 70_000), ...burst(20, 80_000)];
		expect(excessOverLimit(callsAt(calls), 30)).toBeCloseTo(15);
	});
});
