import { cacheKeyOf } from '../../../nodes/engine/chat/response-cache';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

/** A state that remembers the cache keys it was given. */
class KeyRecordingState extends MemoryFusionState {
	readonly cacheKeys: string[] = [];

	override async setCached(key: string, value: unknown, ttlMs: number): Promise<void> {
		this.cacheKeys.push(key);
		return super.setCached(key, value, ttlMs);
	}
}

const request = (content: string, extra: Partial<UnifiedChatRequest> = {}): UnifiedChatRequest => ({
	model: 'openai/gpt-4o-mini',
	messages: [{ role: 'user', content }],
	...extra,
});

describe('cacheKeyOf', () => {
	it('is the same for the same request streamed or not, and differs for any parameter or scope', () => {
		const credentials = ['openai:0123abcd'];
		const key = cacheKeyOf('wf:node', request('Hi', { stop: 'END' }), credentials);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: ['END'], stream: true }), credentials)).toBe(
			key,
		);
		expect(
			cacheKeyOf('wf:node', request('Hi', { stop: 'END', temperature: 0.1 }), credentials),
		).not.toBe(key);
		expect(cacheKeyOf('wf:other', request('Hi', { stop: 'END' }), credentials)).not.toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi!', { stop: 'END' }), credentials)).not.toBe(key);
		expect(cacheKeyOf('wf:node', request('Hi', { stop: 'END' }), ['openai:4567ef01'])).not.toBe(
			key,
		);
	});
});

describe('cacheKeyOf, for the grown request', () => {
	const credentials = ['openai:0123abcd'];
	const image = Buffer.alloc(150_000, 1);
	const withImage = (bytes: Buffer): UnifiedChatRequest => ({
		model: 'openai/gpt-4o',
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Describe it' },
					{
						type: 'image_url',
						image_url: { url: `data:image/png;base64,${bytes.toString('base64')}` },
					},
				],
			},
		],
	});

	it('differs when one byte of an image changes, and keeps no image in the key', () => {
		const changed = Buffer.from(image);
		changed[75_000] = 2;
		const key = cacheKeyOf('wf:node', withImage(image), credentials);
		expect(cacheKeyOf('wf:node', withImage(Buffer.from(image)), credentials)).toBe(key);
		expect(cacheKeyOf('wf:node', withImage(changed), credentials)).not.toBe(key);
		expect(key.length).toBeLessThan(100);
	});

	it('differs for each new option, and counts the token limit under either name', () => {
		const plain = request('Hi');
		const key = cacheKeyOf('wf:node', plain, credentials);
		const variants: Array<Partial<UnifiedChatRequest>> = [
			{ response_format: { type: 'json_object' } },
			{ response_format: { type: 'json_schema', json_schema: { name: 'a', schema: {} } } },
			{ reasoning_effort: 'low' },
			{ seed: 1 },
			{ user: 'u-1' },
			{ messages: [{ role: 'developer', content: 'Hi' }] },
		];
		const keys = variants.map((extra) =>
			cacheKeyOf('wf:node', { ...plain, ...extra }, credentials),
		);
		expect(new Set([key, ...keys]).size).toBe(variants.length + 1);
		expect(cacheKeyOf('wf:node', { ...plain, max_tokens: 50 }, credentials)).toBe(
			cacheKeyOf('wf:node', { ...plain, max_completion_tokens: 50 }, credentials),
		);
	});
});

describe('runChat with the cache on', () => {
	const mock = useMockProvider();
	const connection = (apiKey = 'sk-cache-test-0123456789', path = '/v1') => ({
		openai: { baseUrl: `${mock.server.url}${path}`, apiKey },
	});

	it('answers an identical request from the cache: no upstream call, cached true, cost 0', async () => {
		const settings = settingsFor(connection(), { cache: { ttlMs: 60_000, scope: 'wf:node' } });
		const first = await runChat(request('What is 2+2?'), settings);
		const second = await runChat(request('What is 2+2?'), settings);
		const other = await runChat(request('What is 3+3?'), settings);
		expect(mock.server.requests).toHaveLength(2);
		expect(first.fusion.cached).toBe(false);
		expect(first.fusion.cost_usd).toBeGreaterThan(0);
		expect(second.choices).toEqual(first.choices);
		expect(second.fusion).toMatchObject({ cached: true, cost_usd: 0, attempts: [], latency_ms: 0 });
		expect(other.fusion.cached).toBe(false);
	});

	it('does not answer from another credential or base URL: after a change of either, the new server is asked', async () => {
		const state = new KeyRecordingState();
		const cache = { ttlMs: 60_000, scope: 'wf:node' };
		await runChat(request('What is 2+2?'), settingsFor(connection(), { cache, state }));
		const otherKey = await runChat(
			request('What is 2+2?'),
			settingsFor(connection('sk-cache-other-0123456789'), { cache, state }),
		);
		const otherServer = await runChat(
			request('What is 2+2?'),
			settingsFor(connection(undefined, '/proxy/v1'), { cache, state }),
		);
		expect([otherKey.fusion.cached, otherServer.fusion.cached]).toEqual([false, false]);
		expect(mock.server.requests.map((sent) => sent.path)).toEqual([
			'/v1/chat/completions',
			'/v1/chat/completions',
			'/proxy/v1/chat/completions',
		]);
		expect(state.cacheKeys).toHaveLength(3);
		expect(JSON.stringify(state.cacheKeys)).not.toMatch(/sk-cache|2\+2/);
	});

	it('hands out copies: a later node changing its item does not change the next answer from the cache', async () => {
		const settings = settingsFor(connection(), { cache: { ttlMs: 60_000, scope: 'wf:node' } });
		const first = await runChat(request('What is 2+2?'), settings);
		const answer = first.choices[0].message.content;
		first.choices[0].message.content = 'changed downstream';
		first.usage.total_tokens = -1;
		const second = await runChat(request('What is 2+2?'), settings);
		second.choices[0].message.content = 'changed again';
		const third = await runChat(request('What is 2+2?'), settings);
		expect([second.fusion.cached, third.fusion.cached]).toEqual([true, true]);
		expect(third.choices[0].message.content).toBe(answer);
		expect(third.usage.total_tokens).toBeGreaterThan(0);
	});
});
