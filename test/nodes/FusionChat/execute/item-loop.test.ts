import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { recordedResponse } from '../../../fixtures/recorded';
import { MockProviderServer } from '../../../mock-provider/mock-provider-server';
import { modelParameter, runFusionChat, type ChatItem } from '../run-fusion-chat';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const runChat = (parameters: INodeParameters, inputItems: IDataObject[], continueOnFail = false) =>
	runFusionChat(server, parameters, inputItems, continueOnFail);

describe("Fusion Chat's item loop", () => {
	it('with continue-on-fail, a bad item becomes an {error} item and the others carry on', async () => {
		const { items, error } = await runChat(
			{ inputMode: 'fields', model: modelParameter('openai/gpt-4o-mini'), prompt: '={{ $json.text }}' },
			[{ text: 'one' }, { text: '' }, { text: 'three' }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe('[gpt-4o-mini] answer to: one');
		expect(items[1].json).toEqual({ error: expect.stringMatching(/^Invalid request: Prompt is empty/) });
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect((items[2].json as unknown as ChatItem).choices[0].message.content).toBe('[gpt-4o-mini] answer to: three');
		expect(server.requests).toHaveLength(2);
	});

	it('runs items concurrently and keeps the output in input order', async () => {
		// The first item is answered last: order must come from the input, not from completion.
		server.reply('/v1/chat/completions', { delayMs: 400, json: recordedResponse('openai') });
		const inputs = Array.from({ length: 6 }, (_, index) => ({ text: `item ${index}` }));
		const started = Date.now();
		const { items } = await runChat(
			{ inputMode: 'fields', model: modelParameter('openai/gpt-4o-mini'), prompt: '={{ $json.text }}', options: { concurrency: 6 } },
			inputs,
		);
		const elapsed = Date.now() - started;
		const contents = items.map((item) => (item.json as unknown as ChatItem).choices[0].message.content);
		expect(contents.slice(1)).toEqual(inputs.slice(1).map((input) => `[gpt-4o-mini] answer to: ${input.text}`));
		expect(contents[0]).toBe((recordedResponse('openai') as { choices: Array<{ message: { content: string } }> }).choices[0].message.content);
		// Generous bound: sequential calls would take at least 400 ms plus five more round trips.
		expect(elapsed).toBeLessThan(2_000);
	});

	it('validates a typed-in JSON request once and applies it, or its error, to every item', async () => {
		const good = await runChat({ inputMode: 'json', requestJson: JSON.stringify({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }) }, [{}, {}]);
		expect(good.items).toHaveLength(2);
		expect(server.requests).toHaveLength(2);
		const bad = await runChat({ inputMode: 'json', requestJson: '{"model": "openai/gpt-4o-mini", "messages": []}' }, [{}, {}], true);
		expect(bad.items.map((item) => item.json.error)).toEqual([
			'Invalid request: messages must contain at least one message',
			'Invalid request: messages must contain at least one message',
		]);
	});


});
