import {
	deepSeekProvider,
	groqProvider,
	mistralProvider,
	ollamaProvider,
	openAiProvider,
	togetherProvider,
} from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-providers';
import { toProviderToolCallId } from '../../../../nodes/engine/providers/openai-compatible/to-openai-compatible-tools';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import type { ToolDefinition } from '../../../../nodes/engine/request/unified-request';
import { buildChatRequest } from './build-chat-request';

const TOOL: ToolDefinition = {
	type: 'function',
	function: { name: 'lookup', parameters: { type: 'object', properties: {} } },
};
const MISTRAL_IDS = {
	alphabet: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
	length: 9,
};

const conversation = (id: string): ModelCallRequest['messages'] => [
	{ role: 'user', content: 'Look it up' },
	{
		role: 'assistant',
		tool_calls: [{ id, type: 'function', function: { name: 'lookup', arguments: '{}' } }],
	},
	{ role: 'tool', tool_call_id: id, content: 'found' },
];

const body = (built: ReturnType<typeof buildChatRequest>) =>
	built.http.body as Record<string, unknown>;

describe('tools in the OpenAI-compatible request', () => {
	it('passes tools, tool_choice and parallel_tool_calls to OpenAI as they are', () => {
		const built = buildChatRequest(openAiProvider, {
			tools: [TOOL],
			tool_choice: { type: 'function', function: { name: 'lookup' } },
			parallel_tool_calls: false,
		});
		expect(body(built)).toMatchObject({
			tools: [TOOL],
			tool_choice: { type: 'function', function: { name: 'lookup' } },
			parallel_tool_calls: false,
		});
		expect(built.warnings).toEqual([]);
	});

	it.each([
		['required', 'any'],
		['auto', 'auto'],
		['none', 'none'],
	] as const)('sends tool_choice %s to Mistral as %s', (choice, sent) => {
		expect(
			body(buildChatRequest(mistralProvider, { tools: [TOOL], tool_choice: choice })).tool_choice,
		).toBe(sent);
	});

	it.each([deepSeekProvider, togetherProvider, ollamaProvider])(
		'leaves parallel_tool_calls out for $displayName, with a warning',
		(provider) => {
			const built = buildChatRequest(provider, { tools: [TOOL], parallel_tool_calls: true });
			expect(body(built)).not.toHaveProperty('parallel_tool_calls');
			expect(body(built).tools).toEqual([TOOL]);
			expect(built.warnings).toEqual([
				`parallel_tool_calls was not sent to m: ${provider.displayName} does not take it`,
			]);
		},
	);

	it('writes an assistant turn that only calls tools with content null', () => {
		const messages = body(
			buildChatRequest(groqProvider, { messages: conversation('call_1') }),
		).messages;
		expect(messages).toEqual([
			{ role: 'user', content: 'Look it up' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } },
				],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: 'found' },
		]);
	});

	it("keeps Mistral's own ids and maps others alike in the call and its result", () => {
		const own = body(buildChatRequest(mistralProvider, { messages: conversation('gSIMJiOkT') }))
			.messages as Array<{ tool_call_id?: string }>;
		expect(own[2].tool_call_id).toBe('gSIMJiOkT');
		const mapped = body(
			buildChatRequest(mistralProvider, { messages: conversation('call_abc-123') }),
		).messages as Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }>;
		expect(mapped[1].tool_calls![0].id).toMatch(/^[a-zA-Z0-9]{9}$/);
		expect(mapped[2].tool_call_id).toBe(mapped[1].tool_calls![0].id);
	});
});

describe('toProviderToolCallId', () => {
	it('maps the same id the same way every turn, and different ids differently', () => {
		const first = toProviderToolCallId('toolu_01A09q90qw90lq917835lq9', MISTRAL_IDS);
		expect(toProviderToolCallId('toolu_01A09q90qw90lq917835lq9', MISTRAL_IDS)).toBe(first);
		expect(toProviderToolCallId('toolu_01A09q90qw90lq917835lq8', MISTRAL_IDS)).not.toBe(first);
	});

	it('leaves ids alone where the provider has no rule', () => {
		expect(toProviderToolCallId('call_1', undefined)).toBe('call_1');
	});
});
