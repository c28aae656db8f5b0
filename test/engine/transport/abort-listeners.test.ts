import { getEventListeners } from 'node:events';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import { mapWithConcurrency } from '../../../nodes/engine/concurrency/map-with-concurrency';
import { onAbort } from '../../../nodes/engine/transport/abort-listeners';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';

describe('onAbort', () => {
	it('hangs one listener on the signal however many callbacks wait, and calls each registered one once', () => {
		const controller = new AbortController();
		const calls: number[] = [];
		const unregister = Array.from({ length: 30 }, (_, index) =>
			onAbort(controller.signal, () => calls.push(index)),
		);
		unregister[0]();
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
		controller.abort();
		controller.abort();
		expect(calls).toEqual(Array.from({ length: 29 }, (_, index) => index + 1));
	});
});

describe('an execution with more than ten items in flight', () => {
	const mock = useMockProvider();

	it('keeps one listener on its cancel signal and prints no MaxListenersExceededWarning', async () => {
		const warnings: string[] = [];
		const onWarning = (warning: Error) => warnings.push(warning.name);
		process.on('warning', onWarning);
		const controller = new AbortController();
		// Waiting calls (in flight at the provider and queued by the rate limiter) all watch the same signal.
		const settings = settingsFor(
			{ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-listeners-0123456789' } },
			{ signal: controller.signal, rateLimits: { requestsPerMinute: 12 } },
		);
		let most = 0;
		const watch = setInterval(() => {
			most = Math.max(most, getEventListeners(controller.signal, 'abort').length);
		}, 5);
		const items = Array.from({ length: 20 }, (_, index) => index);
		const run = mapWithConcurrency(items, 20, (index) =>
			runChat(
				{ model: 'openai/sim-slow-300', messages: [{ role: 'user', content: `item ${index}` }] },
				settings,
			).catch((error: unknown) => error),
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		controller.abort();
		const outcomes = await run;
		clearInterval(watch);
		await new Promise((resolve) => setImmediate(resolve));
		process.off('warning', onWarning);

		expect(
			outcomes.every((outcome) => outcome instanceof Error && /cancelled/.test(outcome.message)),
		).toBe(true);
		expect(mock.server.requests).toHaveLength(12);
		expect(most).toBe(1);
		expect(warnings).not.toContain('MaxListenersExceededWarning');
	});
});
