import { createServer } from 'node:net';
import { once } from 'node:events';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { connectRedis } from '../../../nodes/engine/state/redis/connect-redis';
import { RedisFusionState } from '../../../nodes/engine/state/redis/redis-fusion-state';
import { ResilientFusionState } from '../../../nodes/engine/state/resilient-fusion-state';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

/** A loopback port no one listens on: a Redis that is down. */
async function closedPort(): Promise<number> {
	const server = createServer().listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as { port: number };
	server.close();
	await once(server, 'close');
	return port;
}

describe('runChat with the shared state down', () => {
	it('answers, and says in fusion.warnings that limits and cache are this process alone', async () => {
		const redis = connectRedis({ url: `redis://127.0.0.1:${await closedPort()}` });
		const state = new ResilientFusionState(new RedisFusionState(redis), new MemoryFusionState());
		try {
			const output = await runChat(
				{ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello' }] },
				settingsFor(
					{ openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-test-openai-0123456789' } },
					{ state, rateLimits: { requestsPerMinute: 10 } },
				),
			);
			expect(output.choices[0].message.content).toEqual(expect.any(String));
			expect(mock.server.requests).toHaveLength(1);
			expect(output.fusion.warnings).toEqual([
				expect.stringMatching(
					/^Fusion's shared state \(Redis\) failed \(.+\): this process uses its own rate limits/,
				),
			]);
		} finally {
			if (redis.status !== 'end') redis.disconnect();
		}
	});
});
