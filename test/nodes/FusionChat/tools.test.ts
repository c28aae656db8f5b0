import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { SAMPLE_TOOLS } from '../../../nodes/FusionChat/description/tools.description';
import { FusionChat } from '../../../nodes/FusionChat/FusionChat.node';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { chatCredentials, modelParameter, runFusionChat } from './run-fusion-chat';

/** Fusion Chat with tools: Tools (JSON) in fields mode, tools in a JSON request, and the calls in the output. */

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const fields = (options: INodeParameters) => ({
	inputMode: 'fields',
	model: modelParameter('openai/gpt-4o-mini'),
	prompt: 'What is the weather in Paris?',
	options,
});

type ToolOutput = {
	choices: Array<{
		message: {
			content: string | null;
			tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
		};
		finish_reason: string;
	}>;
};

const sentBody = () => server.requests[0]?.body as Record<string, unknown> | undefined;

describe('Fusion Chat: Tools (JSON) in fields mode', () => {
	it('sends the tools and gives the call in the output, finish_reason tool_calls', async () => {
		const { items, error } = await runFusionChat(server, fields({ tools: SAMPLE_TOOLS }), [{}]);
		expect(error).toBeUndefined();
		expect(sentBody()?.tools).toEqual(JSON.parse(SAMPLE_TOOLS));
		const [choice] = (items[0].json as unknown as ToolOutput).choices;
		expect(choice.finish_reason).toBe('tool_calls');
		expect(choice.message.content).toBeNull();
		expect(choice.message.tool_calls?.[0].function.name).toBe('get_weather');
		expect(JSON.parse(choice.message.tool_calls![0].function.arguments)).toEqual({
			city: expect.any(String),
		});
	});

	it('takes a list from an expression, and sends no tools when the field is empty or []', async () => {
		await runFusionChat(
			server,
			fields({ tools: `={{ ${SAMPLE_TOOLS.replace(/\n\s*/g, ' ')} }}` }),
			[{}],
		);
		expect(sentBody()?.tools).toEqual(JSON.parse(SAMPLE_TOOLS));
		for (const empty of ['', '[]']) {
			server.reset();
			await runFusionChat(server, fields({ tools: empty }), [{}]);
			expect(sentBody()).not.toHaveProperty('tools');
		}
	});

	it.each([
		['text that is not JSON', '[{"type": "function"', 'Tools (JSON) is not valid JSON'],
		[
			'a tool without a name',
			'[{"type": "function", "function": {"description": "x"}}]',
			'tools[0].function.name is required',
		],
		['an object instead of a list', '{"type": "function"}', 'tools must be an array of tools'],
	])(
		'refuses %s as the item error, naming the field, and sends nothing',
		async (_name, tools, words) => {
			const { error } = await runFusionChat(server, fields({ tools }), [{}]);
			expect(error?.message).toContain(words);
			expect(server.requests).toEqual([]);
		},
	);
});

describe('Fusion Chat: tools in JSON mode', () => {
	it('passes tools and tool_choice through, and the call back', async () => {
		const tools = JSON.parse(SAMPLE_TOOLS) as unknown[];
		const { items } = await runFusionChat(
			server,
			{
				inputMode: 'json',
				requestJson: JSON.stringify({
					model: 'openai/gpt-4o-mini',
					messages: [{ role: 'user', content: 'Weather in Paris?' }],
					tools,
					tool_choice: 'required',
				}),
			},
			[{}],
		);
		expect(sentBody()).toMatchObject({ tools, tool_choice: 'required' });
		expect((items[0].json as unknown as ToolOutput).choices[0].finish_reason).toBe('tool_calls');
	});
});

describe('Fusion Chat: a broken tool request', () => {
	it('is the item’s error naming the field, and nothing is sent; the other items carry on', async () => {
		const tools = JSON.parse(SAMPLE_TOOLS) as Array<{ function: { name: string } }>;
		const question = { role: 'user', content: 'Weather in Paris?' };
		const call = (args: string) => ({
			role: 'assistant',
			content: null,
			tool_calls: [
				{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: args } },
			],
		});
		const requests = [
			{ messages: [question], tools: [{ type: 'function', function: { description: 'no name' } }] },
			{
				messages: [question],
				tools,
				tool_choice: { type: 'function', function: { name: 'get_time' } },
			},
			{ messages: [question, call('{"city":"Paris"}'), { role: 'tool', content: '18 °C' }], tools },
			{
				messages: [
					question,
					call('{city: Paris}'),
					{ role: 'tool', tool_call_id: 'call_1', content: '18 °C' },
				],
				tools,
			},
			{ messages: [question], tools },
		].map((request) => ({ request: { model: 'openai/gpt-4o-mini', ...request } }));
		const { items } = await runFusionChat(
			server,
			{ inputMode: 'json', requestJson: '={{ $json.request }}' },
			requests,
			true,
		);
		expect(items.slice(0, 4).map((item) => item.json.error)).toEqual([
			'Invalid request: tools[0].function.name is required',
			`Invalid request: tool_choice.function.name names "get_time", which is not among the offered tools (${tools[0].function.name})`,
			'Invalid request: messages[2].tool_call_id is required',
			'Invalid request: messages[1].tool_calls[0].function.arguments must be JSON text (the arguments object written as a string)',
		]);
		expect((items[4].json as unknown as ToolOutput).choices[0].finish_reason).toBe('tool_calls');
		expect(server.requests).toHaveLength(1);
	});
});

describe('Fusion Chat v2 simplified output with tools', () => {
	it('shows tool_calls beside the answer and keeps every other field', async () => {
		const { items } = await runNodeInN8n({
			nodeType: new FusionChat(),
			typeVersion: 2,
			parameters: { providers: ['openai'], ...fields({ tools: SAMPLE_TOOLS }) },
			credentials: chatCredentials(server),
			inputItems: [{}],
		});
		const json = items[0].json as IDataObject & {
			tool_calls: Array<{ function: { name: string } }>;
		};
		expect(Object.keys(json)).toEqual([
			'answer',
			'tool_calls',
			'model',
			'finish_reason',
			'cost_usd',
			'total_tokens',
			'latency_ms',
			'attempts',
		]);
		expect(json.answer).toBeNull();
		expect(json.finish_reason).toBe('tool_calls');
		expect(json.tool_calls[0].function.name).toBe('get_weather');
	});
});
