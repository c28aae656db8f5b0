import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { FusionChat } from '../../../../nodes/FusionChat/FusionChat.node';
import { recordedResponse } from '../../../fixtures/recorded';
import { itemsReadByName, recordParameterReads } from '../../../helpers/record-parameter-reads';
import { forModel, MockProviderServer } from '../../../mock-provider/mock-provider-server';
import { modelParameter, runFusionChat, type ChatItem } from '../run-fusion-chat';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const runChat = (parameters: INodeParameters, inputItems: IDataObject[], continueOnFail = false) =>
	runFusionChat(server, parameters, inputItems, continueOnFail);

/** The same output without what differs from run to run. */
function withoutTimings(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutTimings);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.filter(([key]) => key !== 'latency_ms')
			.map(([key, entry]) => [key, withoutTimings(entry)]),
	);
}

describe("Fusion Chat's item loop", () => {
	it('with continue-on-fail, a bad item becomes an {error} item and the others carry on', async () => {
		const { items, error } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: '={{ $json.text }}',
			},
			[{ text: 'one' }, { text: '' }, { text: 'three' }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[gpt-4o-mini] answer to: one',
		);
		expect(items[1].json).toEqual({
			error: expect.stringMatching(/^Invalid request: Prompt is empty/),
		});
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect((items[2].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[gpt-4o-mini] answer to: three',
		);
		expect(server.requests).toHaveLength(2);
	});

	it('runs items concurrently and keeps the output in input order', async () => {
		// The first item is answered last: order must come from the input, not from completion.
		server.reply('/v1/chat/completions', { delayMs: 400, json: recordedResponse('openai') });
		const inputs = Array.from({ length: 6 }, (_, index) => ({ text: `item ${index}` }));
		const started = Date.now();
		const { items } = await runChat(
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: '={{ $json.text }}',
				options: { concurrency: 6 },
			},
			inputs,
		);
		const elapsed = Date.now() - started;
		const contents = items.map(
			(item) => (item.json as unknown as ChatItem).choices[0].message.content,
		);
		expect(contents.slice(1)).toEqual(
			inputs.slice(1).map((input) => `[gpt-4o-mini] answer to: ${input.text}`),
		);
		expect(contents[0]).toBe(
			(recordedResponse('openai') as { choices: Array<{ message: { content: string } }> })
				.choices[0].message.content,
		);
		// Generous bound: sequential calls would take at least 400 ms plus five more round trips.
		expect(elapsed).toBeLessThan(2_000);
	});

	it('never has more than Concurrency items with providers at once', async () => {
		const inputs = Array.from({ length: 9 }, (_, index) => ({ text: `item ${index}` }));
		const { items } = await runChat(
			{
				inputMode: 'fields',
				// The simulator answers this model after 200 ms.
				model: modelParameter('openai/gpt-4o-mini-sim-slow-200'),
				prompt: '={{ $json.text }}',
				options: { concurrency: 3 },
			},
			inputs,
		);
		expect(items).toHaveLength(9);
		const arrivals = server.requests.map((request) => request.receivedAt).sort((a, b) => a - b);
		expect(arrivals).toHaveLength(9);
		// A fourth call only after one of the three before it was answered, 200 ms after it arrived.
		for (let index = 3; index < arrivals.length; index++)
			expect(arrivals[index] - arrivals[index - 3]).toBeGreaterThanOrEqual(190);
		// In input order, three at a time.
		expect(server.requests.map((request) => JSON.stringify(request.body))).toEqual(
			inputs.map((input) => expect.stringContaining(input.text)),
		);
	});

	it('validates a typed-in JSON request once and applies it, or its error, to every item', async () => {
		const good = await runChat(
			{
				inputMode: 'json',
				requestJson: JSON.stringify({
					model: 'openai/gpt-4o-mini',
					messages: [{ role: 'user', content: 'Hi' }],
				}),
			},
			[{}, {}],
		);
		expect(good.items).toHaveLength(2);
		expect(server.requests).toHaveLength(2);
		const bad = await runChat(
			{ inputMode: 'json', requestJson: '{"model": "openai/gpt-4o-mini", "messages": []}' },
			[{}, {}],
			true,
		);
		expect(bad.items.map((item) => item.json.error)).toEqual([
			'Invalid request: messages must contain at least one message',
			'Invalid request: messages must contain at least one message',
		]);
	});

	it('reads a parameter without an expression once per execution, and one holding an expression for every item', async () => {
		const { nodeType, reads } = recordParameterReads(new FusionChat());
		const inputs = [{ text: 'one' }, { text: 'two' }, { text: 'three' }, { text: 'four' }];
		const { items, error } = await runFusionChat(
			server,
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				systemMessage: 'Be brief.',
				// An expression n8n evaluates itself (a field of the item alone is read without n8n, below).
				prompt: '={{ $json.text.trim() }}',
				parameters: { maxTokens: 50, temperature: 0.2 },
				options: { concurrency: 1 },
			},
			inputs,
			false,
			nodeType,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(itemsReadByName(reads)).toEqual({
			options: [0],
			providers: [0],
			inputMode: [0],
			prompt: [0, 1, 2, 3],
			systemMessage: [0],
			responseFormat: [0],
			parameters: [0],
			strategy: [0],
			model: [0],
			hedgeAfterMs: [0],
			simplify: [0],
		});
	});

	it("reads a prompt made of text and the item's string fields without asking n8n, and sends the same text", async () => {
		const { nodeType, reads } = recordParameterReads(new FusionChat());
		const { items, error } = await runFusionChat(
			server,
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				prompt: '=Summarize: {{ $json.text }}',
				options: { concurrency: 1 },
			},
			[{ text: 'one' }, { text: 'two' }, { text: 3 }],
			false,
			nodeType,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		// A number is left to n8n, which turns it into text.
		expect(itemsReadByName(reads).prompt).toEqual([2]);
		expect(
			server.requests.map(
				(request) => (request.body as { messages: Array<{ content: string }> }).messages[0].content,
			),
		).toEqual(['Summarize: one', 'Summarize: two', 'Summarize: 3']);
	});

	it('reads a collection per item when one of its fields holds an expression, even deep in a fixed collection row', async () => {
		const { nodeType, reads } = recordParameterReads(new FusionChat());
		const { error } = await runFusionChat(
			server,
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				fallbackModels: { models: [{ model: modelParameter('={{ $json.backup }}') }] },
				prompt: 'Hi',
				parameters: { maxTokens: '={{ $json.limit }}', temperature: 0.2 },
			},
			[
				{ backup: 'anthropic/claude-3-opus', limit: 10 },
				{ backup: 'openai/gpt-4.1-nano', limit: 20 },
			],
			false,
			nodeType,
		);
		expect(error).toBeUndefined();
		const byName = itemsReadByName(reads);
		expect(byName['fallbackModels.models'].sort()).toEqual([0, 1]);
		expect(byName.parameters.sort()).toEqual([0, 1]);
		expect(byName.prompt).toEqual([0]);
		expect(byName.model).toEqual([0]);
		expect(
			server.requests
				.map((request) => (request.body as { max_completion_tokens: number }).max_completion_tokens)
				.sort(),
		).toEqual([10, 20]);
	});

	it("reads the next items' parameters while the current item waits on its provider", async () => {
		const { nodeType, reads } = recordParameterReads(new FusionChat());
		server.reply(
			'/v1/chat/completions',
			...[0, 1, 2].map(() => ({ delayMs: 300, json: recordedResponse('openai') })),
		);
		const { items, error } = await runFusionChat(
			server,
			{
				inputMode: 'fields',
				model: modelParameter('openai/gpt-4o-mini'),
				// An expression n8n evaluates, so that its reads are recorded with their time.
				prompt: '={{ $json.text.trim() }}',
				options: { concurrency: 1 },
			},
			[{ text: 'one' }, { text: 'two' }, { text: 'three' }],
			false,
			nodeType,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		const promptRead = (itemIndex: number) =>
			reads.find((read) => read.name === 'prompt' && read.itemIndex === itemIndex)?.at ?? Infinity;
		// The later items' prompts were read before item 0's answer (300 ms after its request), not after it.
		const answered = server.requests[0].receivedAt + 300;
		expect(promptRead(1)).toBeLessThan(answered);
		expect(promptRead(2)).toBeLessThan(answered);
	});

	it('sends the same requests and gives the same items, errors included, whether a field is typed in or an expression', async () => {
		const inputs = [
			{ text: 'first', backup: 'openai/gpt-4o-mini', limit: 40 },
			{ text: 'second', backup: 'openai/gpt-4.1-nano', limit: 60 },
			{ text: 'third', backup: '', limit: 40 },
			{ text: 'fourth', backup: 'openai/gpt-4o-mini', limit: -1 },
		];
		const itemFields = {
			inputMode: 'fields',
			fallbackModels: { models: [{ model: modelParameter('={{ $json.backup }}') }] },
			prompt: '=Summarize: {{ $json.text }}',
			options: { maxRetries: 0 },
			simplify: true,
		};
		const typedIn = {
			...itemFields,
			model: modelParameter('openai/gpt-4o'),
			systemMessage: 'Be brief.',
			parameters: { maxTokens: '={{ $json.limit }}', temperature: 0.2, stop: 'END' },
		};
		const allExpressions = {
			...itemFields,
			model: modelParameter('={{ "openai/gpt-4o" }}'),
			systemMessage: '={{ "Be brief." }}',
			parameters: {
				maxTokens: '={{ $json.limit }}',
				temperature: '={{ 0.2 }}',
				stop: '={{ "END" }}',
			},
		};
		const run = async (parameters: INodeParameters) => {
			server.reset();
			// A 400 moves on to the next model without cooling the first one down for the second run.
			const failure = { status: 400, json: { error: { message: 'not today' } } };
			server.reply(forModel('gpt-4o'), failure, failure, failure);
			const { items, error } = await runChat(parameters, inputs, true);
			expect(error).toBeUndefined();
			const bodies = server.requests.map((request) => JSON.stringify(request.body)).sort();
			return { items: withoutTimings(items), bodies };
		};

		const mixed = await run(typedIn);
		expect(await run(allExpressions)).toEqual(mixed);
		expect(mixed.bodies).toHaveLength(5);
		expect(mixed.items).toEqual([
			{
				json: expect.objectContaining({
					answer: '[gpt-4o-mini] answer to: Summarize: first',
					attempts: 'openai/gpt-4o: HTTP 400 → openai/gpt-4o-mini: ok',
				}),
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					answer: '[gpt-4.1-nano] answer to: Summarize: second',
					model: 'openai/gpt-4.1-nano',
				}),
				pairedItem: { item: 1 },
			},
			{
				json: {
					error: expect.stringMatching(
						/^The model failed to answer:\n1\. openai\/gpt-4o: OpenAI answered HTTP 400 /,
					),
					attempts: 'openai/gpt-4o: HTTP 400',
				},
				pairedItem: { item: 2 },
			},
			{
				json: { error: expect.stringMatching(/^Invalid request: max_tokens /) },
				pairedItem: { item: 3 },
			},
		]);
	});
});
