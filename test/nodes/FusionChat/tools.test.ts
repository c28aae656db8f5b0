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
