import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { ToolCallDelta } from '../../../nodes/engine/providers/provider-adapter';
import type {
	ChatMessage,
	UnifiedChatRequest,
} from '../../../nodes/engine/request/unified-request';
import { WEATHER_TOOL, weatherCall } from '../../fixtures/weather-tool';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

/**
 * A two-turn tool conversation over the wire: the model calls a tool, the workflow sends the result back, the
 * model answers with it. Each turn's body is asserted whole, as the provider received it.
 */

const mock = useMockProvider();

const WEATHER = WEATHER_TOOL;
const QUESTION: ChatMessage = { role: 'user', content: 'What is the weather in Paris?' };
const RESULT = '18 degrees and sunny';

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-tools-test-0123456789' },
	mistral: { baseUrl: `${mock.server.url}/mistral/v1`, apiKey: 'mistral-tools-test-0123456789' },
});

interface Case {
	provider: 'OpenAI' | 'Mistral';
	model: string;
	upstream: string;
	callId: string;
	/** What the provider calls tool_choice "required". */
	required: string;
	/** The fields a streamed request adds. */
	streamFields: Record<string, unknown>;
}

const CASES: Case[] = [
	{
		provider: 'OpenAI',
		model: 'openai/gpt-4o',
		upstream: 'gpt-4o',
		callId: 'call_sim_getweather',
		required: 'required',
		streamFields: { stream: true, stream_options: { include_usage: true } },
	},
	{
		provider: 'Mistral',
		model: 'mistral/mistral-large-latest',
		upstream: 'mistral-large-latest',
		callId: 'simgetwea',
		required: 'any',
		streamFields: { stream: true },
	},
];

const sentBodies = () => mock.server.requests.map((request) => request.body);

describe.each(CASES)('a tool conversation with $provider', (entry) => {
	describe.each([false, true])('streamed: %s', (stream) => {
		it('calls the tool, then answers with its result; each turn sent in the provider’s words', async () => {
			const pieces: ToolCallDelta[] = [];
			const texts: string[] = [];
			const live = stream
				? {
						onDelta: (text: string) => texts.push(text),
						onToolCallDelta: (piece: ToolCallDelta) => pieces.push(piece),
					}
				: {};
			const first: UnifiedChatRequest = {
				model: entry.model,
				messages: [QUESTION],
				tools: [WEATHER],
				tool_choice: 'required',
				parallel_tool_calls: false,
				stream,
			};
			const calling = await runChat(first, settingsFor(connections(), live));

			const [choice] = calling.choices;
			expect(choice.finish_reason).toBe('tool_calls');
			expect(choice.message.content).toBeNull();
			expect(choice.message.tool_calls).toEqual([
				{
					id: entry.callId,
					type: 'function',
					function: { name: 'get_weather', arguments: expect.any(String) },
				},
			]);
			const call = choice.message.tool_calls![0];
			expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
			if (stream) {
				expect(pieces.length).toBeGreaterThan(2);
				expect(new Set(pieces.map((piece) => `${piece.index} ${piece.id} ${piece.name}`))).toEqual(
					new Set([`0 ${entry.callId} get_weather`]),
				);
				expect(pieces.map((piece) => piece.argumentsDelta).join('')).toBe(call.function.arguments);
				expect(texts).toEqual([]);
			}

			const history: ChatMessage[] = [
				QUESTION,
				{ role: 'assistant', content: null, tool_calls: choice.message.tool_calls },
				{ role: 'tool', tool_call_id: call.id, content: RESULT },
			];
			const answering = await runChat(
				{ model: entry.model, messages: history, tools: [WEATHER], stream },
				settingsFor(connections(), live),
			);
			expect(answering.choices[0].finish_reason).toBe('stop');
			expect(answering.choices[0].message).toEqual({
				role: 'assistant',
				content: `Using the tool results: ${RESULT}`,
				refusal: null,
			});
			if (stream) expect(texts.join('')).toBe(`Using the tool results: ${RESULT}`);

			const streamFields = stream ? entry.streamFields : {};
			expect(sentBodies()).toEqual([
				{
					model: entry.upstream,
					messages: [QUESTION],
					tools: [WEATHER],
					tool_choice: entry.required,
					parallel_tool_calls: false,
					...streamFields,
				},
				{
					model: entry.upstream,
					messages: [
						QUESTION,
						{ role: 'assistant', content: null, tool_calls: [call] },
						{ role: 'tool', tool_call_id: entry.callId, content: RESULT },
					],
					tools: [WEATHER],
					...streamFields,
				},
			]);
		});
	});
});

/** Answers a call of `id` with its result, to `model`: the answer, and the ids as the provider was sent them. */
async function answerCall(model: string, id: string) {
	const output = await runChat(
		{
			model,
			messages: [QUESTION, weatherCall(id), { role: 'tool', tool_call_id: id, content: RESULT }],
			tools: [WEATHER],
		},
		settingsFor(connections()),
	);
	const [sent] = sentBodies() as Array<{
		messages: Array<{ tool_calls?: Array<{ id: string }>; tool_call_id?: string }>;
	}>;
	return {
		answer: output.choices[0].message.content,
		callId: sent.messages[1].tool_calls![0].id,
		resultId: sent.messages[2].tool_call_id,
	};
}

describe('tool call ids a provider refuses', () => {
	const openAiId = 'call_9b3f2c1d0e8a7f6b5c4d3e2f';
	// A Gemini 3 call id: the call's own id and the thought signature the engine carries inside it.
	const geminiId = `call_7f3a__thought__${'CiQBjz1rX'.repeat(20)}`;

	it('are mapped to nine letters or digits for Mistral, the same in the call and in its result', async () => {
		const sent = await answerCall('mistral/mistral-large-latest', openAiId);
		expect(sent.answer).toBe(`Using the tool results: ${RESULT}`);
		expect(sent.callId).toMatch(/^[a-zA-Z0-9]{9}$/);
		expect(sent.resultId).toBe(sent.callId);
	});

	it('are mapped to 40 characters when a conversation begun with Gemini goes on with OpenAI', async () => {
		const sent = await answerCall('openai/gpt-4o', geminiId);
		expect(sent.answer).toBe(`Using the tool results: ${RESULT}`);
		expect(sent.callId).toMatch(/^[a-zA-Z0-9]{40}$/);
		expect(sent.resultId).toBe(sent.callId);
	});

	it('are kept as they are where they fit', async () => {
		const sent = await answerCall('openai/gpt-4o', openAiId);
		expect([sent.callId, sent.resultId]).toEqual([openAiId, openAiId]);
	});
});

describe('a tool turn the provider refuses', () => {
	it.each([
		['OpenAI', 'openai/gpt-4o', "'tool_call_id' of 'call_unknown' not found"],
		['Mistral', 'mistral/mistral-large-latest', 'Unexpected tool call id'],
	])(
		'%s: a tool result for no call is the provider’s 400, named in the attempt',
		async (_name, model, words) => {
			const failing = runChat(
				{
					model,
					messages: [
						QUESTION,
						weatherCall('abcDEF123'),
						{ role: 'tool', tool_call_id: 'call_unknown', content: RESULT },
					],
					tools: [WEATHER],
				},
				settingsFor(connections()),
			);
			await expect(failing).rejects.toMatchObject({
				attempts: [
					{ status: 'error', error: { http_status: 400, message: expect.stringContaining(words) } },
				],
			});
		},
	);
});
