import { PartialAnswerError } from '../../../nodes/engine/call/partial-answer-error';
import { runChat } from '../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { AllModelsFailedError } from '../../../nodes/engine/strategies/all-models-failed-error';
import { forModel } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from './engine-settings';

const mock = useMockProvider();

const connections = () => ({
	openai: { baseUrl: `${mock.server.url}/v1`, apiKey: 'sk-json-test-0123456789' },
	anthropic: { baseUrl: mock.server.url, apiKey: 'sk-ant-json-test-0123456789' },
	google: { baseUrl: mock.server.url, apiKey: 'AIza-json-test-0123456789' },
});

const TICKET_SCHEMA = {
	type: 'object',
	properties: {
		label: { type: 'string', enum: ['bug', 'question', 'feature'] },
		priority: { type: 'integer', minimum: 1 },
	},
	required: ['label', 'priority'],
	additionalProperties: false,
};

/** What the simulator answers a request for TICKET_SCHEMA: the smallest value that fits it. */
const SIMULATED_TICKET = { label: 'bug', priority: 1 };

const ticketRequest = (
	model: UnifiedChatRequest['model'],
	extra: Partial<UnifiedChatRequest> = {},
): UnifiedChatRequest => ({
	model,
	messages: [{ role: 'user', content: 'The app crashes on start. Classify this ticket.' }],
	response_format: {
		type: 'json_schema',
		json_schema: { name: 'ticket', schema: TICKET_SCHEMA, strict: true },
	},
	...extra,
});

const GOOD = 'openai/gpt-4o-mini';
const BAD_JSON = 'openai/gpt-4o-mini-sim-badjson';
const OFF_SCHEMA = 'openai/gpt-4o-mini-sim-wrongjson';

/** An OpenAI answer whose content is `content`, as the API sends it. */
const openAiAnswer = (content: string) => ({
	json: {
		id: 'chatcmpl-json',
		object: 'chat.completion',
		created: 1,
		model: 'gpt-4o-mini',
		choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
		usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
	},
});

describe('JSON answers', () => {
	it('puts the answer to a json_schema request, parsed, in choices[0].message.parsed', async () => {
		const output = await runChat(ticketRequest(GOOD), settingsFor(connections()));
		expect(output.choices[0].message).toEqual({
			role: 'assistant',
			content: JSON.stringify(SIMULATED_TICKET),
			refusal: null,
			parsed: SIMULATED_TICKET,
		});
		expect(mock.server.requests[0].body).toMatchObject({
			response_format: { type: 'json_schema', json_schema: { schema: TICKET_SCHEMA } },
		});
	});

	it('parses the answer to a json_object request, and leaves text answers without parsed', async () => {
		const json = await runChat(
			{ ...ticketRequest(GOOD), response_format: { type: 'json_object' } },
			settingsFor(connections()),
		);
		expect(json.choices[0].message.parsed).toEqual({ answer: 'simulated' });
		const text = await runChat(
			{ ...ticketRequest(GOOD), response_format: undefined },
			settingsFor(connections()),
		);
		expect(text.choices[0].message).not.toHaveProperty('parsed');
	});

	it('fails over from broken JSON at once, as invalid_output, without cooling the model down', async () => {
		const state = new MemoryFusionState();
		// One failure that counted would cool the model down for a minute.
		const settings = settingsFor(connections(), {
			state,
			health: { failuresBeforeCooldown: 1, cooldownMs: 60_000 },
		});
		for (let run = 0; run < 2; run++) {
			mock.server.reset();
			const output = await runChat(ticketRequest([BAD_JSON, GOOD]), settings);
			expect(output.model).toBe(GOOD);
			expect(output.choices[0].message.parsed).toEqual(SIMULATED_TICKET);
			expect(output.fusion.attempts).toEqual([
				{
					model: BAD_JSON,
					provider: 'openai',
					status: 'error',
					error: {
						type: 'invalid_output',
						message: expect.stringMatching(
							/^OpenAI answered text that is not JSON \(.+\): \{"answer": "cut off mid-obj$/,
						),
					},
					latency_ms: expect.any(Number),
				},
				expect.objectContaining({ model: GOOD, status: 'ok' }),
			]);
			// Not retried, and on the second run still asked: the model is healthy, its answer was not.
			expect(
				mock.server.requests.map((request) => (request.body as { model: string }).model),
			).toEqual(['gpt-4o-mini-sim-badjson', 'gpt-4o-mini']);
		}
		expect((await state.observedModels()).get(BAD_JSON)).toBeUndefined();
	});

	it('fails over from JSON that breaks the schema, naming where', async () => {
		const output = await runChat(ticketRequest([OFF_SCHEMA, GOOD]), settingsFor(connections()));
		expect(output.fusion.attempts[0].error).toEqual({
			type: 'invalid_output',
			message: 'OpenAI answered JSON that does not match the schema "ticket": $ must be object',
		});
		expect(output.choices[0].message.parsed).toEqual(SIMULATED_TICKET);
	});

	it('names the nested field a schema-breaking answer got wrong', async () => {
		mock.server.reply(forModel('gpt-4o'), openAiAnswer('{"label": "bug", "priority": 0}'));
		const output = await runChat(
			ticketRequest(['openai/gpt-4o', GOOD]),
			settingsFor(connections()),
		);
		expect(output.fusion.attempts[0].error?.message).toBe(
			'OpenAI answered JSON that does not match the schema "ticket": $.priority must be >= 1',
		);
	});

	it('fails the item, listing each invalid answer, when no model answers valid JSON', async () => {
		const failure = await runChat(
			ticketRequest([BAD_JSON, OFF_SCHEMA]),
			settingsFor(connections()),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(AllModelsFailedError);
		const { attempts, message } = failure as AllModelsFailedError;
		expect(attempts.map((attempt) => attempt.error?.type)).toEqual([
			'invalid_output',
			'invalid_output',
		]);
		expect(message).toContain(`1. ${BAD_JSON}: OpenAI answered text that is not JSON`);
		expect(message).toContain(`2. ${OFF_SCHEMA}: OpenAI answered JSON that does not match`);
	});

	it('validates a streamed answer at its end; a live client that read invalid JSON gets no second answer', async () => {
		const deltas: string[] = [];
		const failure = await runChat(
			ticketRequest([BAD_JSON, GOOD], { stream: true }),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(PartialAnswerError);
		const partial = failure as PartialAnswerError;
		expect(partial.partialContent).toBe('{"answer": "cut off mid-obj');
		expect(partial.attempts.map((attempt) => attempt.error?.type)).toEqual(['invalid_output']);
		expect(deltas.join('')).toBe('{"answer": "cut off mid-obj');
		expect(mock.server.requests).toHaveLength(1);
	});

	it('fails a streamed answer over to the next model when no client reads the stream', async () => {
		const output = await runChat(
			ticketRequest([BAD_JSON, GOOD], { stream: true }),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.parsed).toEqual(SIMULATED_TICKET);
		expect(output.fusion.attempts.map((attempt) => attempt.error?.type)).toEqual([
			'invalid_output',
			undefined,
		]);
	});

	it('keeps a refusal as the answer, with no JSON to check, when failing over on refusals is off', async () => {
		mock.server.reply(forModel('gpt-4o'), {
			json: {
				id: 'chatcmpl-refusal',
				object: 'chat.completion',
				created: 1,
				model: 'gpt-4o',
				choices: [
					{
						index: 0,
						message: { role: 'assistant', content: null, refusal: 'I cannot classify that.' },
						finish_reason: 'stop',
					},
				],
			},
		});
		const output = await runChat(
			ticketRequest(['openai/gpt-4o', GOOD]),
			settingsFor(connections(), { failOverOnRefusal: false }),
		);
		expect(output.choices[0]).toEqual({
			index: 0,
			message: { role: 'assistant', content: null, refusal: 'I cannot classify that.' },
			logprobs: null,
			finish_reason: 'content_filter',
		});
	});

	it('serves a cached JSON answer with its parsed value', async () => {
		const settings = settingsFor(connections(), { cache: { ttlMs: 60_000, scope: 'wf:node' } });
		await runChat(ticketRequest(GOOD), settings);
		const cached = await runChat(ticketRequest(GOOD), settings);
		expect(cached.fusion.cached).toBe(true);
		expect(cached.choices[0].message.parsed).toEqual(SIMULATED_TICKET);
		expect(mock.server.requests).toHaveLength(1);
	});
});

describe('best_of with JSON answers', () => {
	const bestOf = (
		models: string[],
		selection: 'consensus' | 'longest' | 'judge',
		judge?: string,
	): UnifiedChatRequest =>
		ticketRequest({ strategy: 'best_of', models, selection, judge_model: judge });

	it('lets only valid answers take part; invalid ones are invalid_output attempts', async () => {
		const output = await runChat(
			bestOf([BAD_JSON, GOOD, OFF_SCHEMA], 'longest'),
			settingsFor(connections()),
		);
		expect(output.model).toBe(GOOD);
		expect(output.choices[0].message.parsed).toEqual(SIMULATED_TICKET);
		expect(
			output.fusion.candidates?.map((candidate) => [candidate.model, candidate.status]),
		).toEqual([
			[BAD_JSON, 'error'],
			[GOOD, 'ok'],
			[OFF_SCHEMA, 'error'],
		]);
		expect(output.fusion.attempts.map((attempt) => attempt.error?.type)).toEqual([
			'invalid_output',
			undefined,
			'invalid_output',
		]);
	});

	it('finds consensus on the parsed values: key order and spacing do not count', async () => {
		// Two answers agree as values though not as texts; values in swapped places are the unit test's.
		mock.server.reply(forModel('gpt-4o'), openAiAnswer('{"label": "question", "priority": 2}'));
		mock.server.reply(forModel('gpt-4.1'), openAiAnswer('{"label":"bug","priority":2}'));
		mock.server.reply(
			forModel('gpt-4.1-mini'),
			openAiAnswer('{ "priority": 2,\n "label": "bug" }'),
		);
		const output = await runChat(
			bestOf(['openai/gpt-4o', 'openai/gpt-4.1', 'openai/gpt-4.1-mini'], 'consensus'),
			settingsFor(connections()),
		);
		expect(output.model).toBe('openai/gpt-4.1');
		expect(output.choices[0].message.parsed).toEqual({ label: 'bug', priority: 2 });
		expect(output.fusion.candidates?.map((candidate) => candidate.score)).toEqual([
			0.333, 0.667, 0.667,
		]);
	});

	it('picks the longest JSON text', async () => {
		mock.server.reply(forModel('gpt-4o'), openAiAnswer('{"label":"bug","priority":2}'));
		mock.server.reply(forModel('gpt-4.1'), openAiAnswer('{ "label": "bug", "priority": 3 }'));
		const output = await runChat(
			bestOf(['openai/gpt-4o', 'openai/gpt-4.1'], 'longest'),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.parsed).toEqual({ label: 'bug', priority: 3 });
	});

	it('shows the judge the JSON texts, and asks it for a number, not JSON', async () => {
		mock.server.reply(forModel('gpt-4o'), openAiAnswer('{"label":"bug","priority":2}'));
		mock.server.reply(forModel('gpt-4.1'), openAiAnswer('{"label":"feature","priority":5}'));
		mock.server.reply(forModel('gpt-4o-mini'), openAiAnswer('2'));
		const output = await runChat(
			bestOf(['openai/gpt-4o', 'openai/gpt-4.1'], 'judge', 'openai/gpt-4o-mini'),
			settingsFor(connections()),
		);
		expect(output.choices[0].message.parsed).toEqual({ label: 'feature', priority: 5 });
		const judged = mock.server.requestsTo(forModel('gpt-4o-mini'))[0].body as {
			messages: Array<{ content: string }>;
			response_format?: unknown;
		};
		expect(judged.response_format).toBeUndefined();
		expect(judged.messages[1].content).toContain(
			'Answer 1:\n{"label":"bug","priority":2}\n\nAnswer 2:\n{"label":"feature","priority":5}',
		);
	});
});
