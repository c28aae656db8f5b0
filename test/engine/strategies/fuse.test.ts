import { runChat } from '../../../nodes/engine/chat/run-chat';
import { shuffled, toFuserMessages } from '../../../nodes/engine/strategies/fuse-answers';
import type { UnifiedChatRequest } from '../../../nodes/engine/request/unified-request';
import { forModel } from '../../mock-provider/mock-provider-server';
import { useMockProvider } from '../../mock-provider/use-mock-provider';
import { settingsFor } from '../chat/engine-settings';
import { answer, costOf } from './scripted-answers';

const mock = useMockProvider();
const server = () => mock.server;

const connections = () => ({
	openai: { baseUrl: `${server().url}/v1`, apiKey: 'sk-fuse-test-0123456789' },
});

const question = { role: 'user' as const, content: 'Name three French cities.' };

const panel = (extra: Partial<UnifiedChatRequest> = {}): UnifiedChatRequest => ({
	model: {
		strategy: 'best_of',
		models: ['openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1'],
		selection: 'fuse',
		judge_model: 'openai/o3',
	},
	messages: [{ role: 'system', content: 'Answer briefly.' }, question],
	...extra,
});

type SentMessage = { role: string; content: string };
const fuserMessages = () =>
	(server().requestsTo(forModel('o3'))[0].body as { messages: SentMessage[] }).messages;

describe('best_of with selection "fuse"', () => {
	it('has the fuser write the answer from every candidate answer, and adds up all four calls', async () => {
		server().reply(forModel('gpt-4o'), answer('Paris, Lyon, Nice.', 300));
		server().reply(forModel('gpt-4o-mini'), answer('Paris, Lille, Lyon.', 300));
		server().reply(forModel('gpt-4.1'), answer('Marseille, Paris, Bordeaux.', 300));
		server().reply(forModel('o3'), answer('Paris, Lyon and Marseille.', 100));
		const started = Date.now();
		const output = await runChat(panel(), settingsFor(connections(), { random: () => 0 }));
		const elapsed = Date.now() - started;

		expect(output.model).toBe('openai/o3');
		expect(output.choices[0].message.content).toBe('Paris, Lyon and Marseille.');
		expect(output.fusion.selection).toBe('fuse');
		expect(
			output.fusion.candidates?.map((candidate) => [candidate.model, candidate.content]),
		).toEqual([
			['openai/gpt-4o', 'Paris, Lyon, Nice.'],
			['openai/gpt-4o-mini', 'Paris, Lille, Lyon.'],
			['openai/gpt-4.1', 'Marseille, Paris, Bordeaux.'],
		]);
		// The fuser reads the instructions and every answer, labelled without its model, then the conversation.
		const [instructions, ...conversation] = fuserMessages();
		expect(conversation).toEqual([
			{ role: 'system', content: 'Answer briefly.' },
			{ role: 'user', content: 'Name three French cities.' },
		]);
		for (const content of [
			'Paris, Lyon, Nice.',
			'Paris, Lille, Lyon.',
			'Marseille, Paris, Bordeaux.',
		])
			expect(instructions.content).toContain(content);
		expect(instructions.content).toMatch(/Answer A:\n.+\n\nAnswer B:\n.+\n\nAnswer C:\n.+$/);
		expect(instructions.content).not.toMatch(/gpt|openai/);
		expect(output.fusion.attempts.map((attempt) => [attempt.model, attempt.role])).toEqual([
			['openai/gpt-4o', undefined],
			['openai/gpt-4o-mini', undefined],
			['openai/gpt-4.1', undefined],
			['openai/o3', 'fuser'],
		]);
		expect(output.fusion.cost_usd).toBeCloseTo(
			costOf(0.0025, 0.01) + costOf(0.00015, 0.0006) + costOf(0.002, 0.008) + costOf(0.002, 0.008),
			10,
		);
		// The panel answers side by side: its time is the slowest candidate plus the fuser, not their sum.
		const candidateLatency = (output.fusion.candidates ?? []).reduce(
			(sum, candidate) => sum + candidate.latency_ms,
			0,
		);
		expect(elapsed).toBeLessThan(candidateLatency);
	});

	it('puts the answers in an order that does not always favour the first model', () => {
		const answers = ['one', 'two', 'three'];
		expect(shuffled(answers, () => 0)).toEqual(['two', 'three', 'one']);
		expect(shuffled(answers, () => 0.99)).toEqual(['one', 'two', 'three']);
		expect(toFuserMessages([question], ['x', 'y'])[0].content).toMatch(
			/Answer A:\nx\n\nAnswer B:\ny$/,
		);
	});

	it('asks the fuser for the same JSON schema, and its parsed answer is the output', async () => {
		const schema = {
			type: 'object',
			properties: { cities: { type: 'array', items: { type: 'string' } } },
			required: ['cities'],
			additionalProperties: false,
		};
		const responseFormat = {
			type: 'json_schema' as const,
			json_schema: { name: 'cities', schema, strict: true },
		};
		server().reply(forModel('gpt-4o'), answer('{"cities":["Paris","Lyon","Nice"]}'));
		server().reply(forModel('gpt-4o-mini'), answer('{"cities":["Paris","Lille","Lyon"]}'));
		server().reply(forModel('gpt-4.1'), answer('{"cities":["Paris","Marseille","Lyon"]}'));
		server().reply(forModel('o3'), answer('{"cities":["Paris","Lyon","Marseille"]}'));
		const output = await runChat(
			panel({ response_format: responseFormat }),
			settingsFor(connections()),
		);
		expect(
			(server().requestsTo(forModel('o3'))[0].body as { response_format: unknown }).response_format,
		).toEqual(responseFormat);
		expect(output.choices[0].message.parsed).toEqual({ cities: ['Paris', 'Lyon', 'Marseille'] });
	});

	it('falls back to consensus when the fuser fails, and says so', async () => {
		server().reply(forModel('gpt-4o'), answer('Paris, Lyon, Nice.'));
		server().reply(forModel('gpt-4o-mini'), answer('Paris, Lyon, Lille.'));
		server().reply(forModel('gpt-4.1'), answer('Bordeaux.'));
		server().reply(forModel('o3'), { status: 400, json: { error: { message: 'bad fuser' } } });
		const output = await runChat(panel(), settingsFor(connections()));
		expect(output.model).toBe('openai/gpt-4o');
		expect(output.fusion.selection).toBe('consensus (fuser failed)');
		expect(output.fusion.warnings).toEqual([
			expect.stringMatching(
				/^best_of fuser: .*bad fuser.*; the answer was chosen by consensus instead$/,
			),
		]);
		expect(output.fusion.attempts.at(-1)).toMatchObject({
			model: 'openai/o3',
			role: 'fuser',
			status: 'error',
		});
	});

	it('does not call the fuser when only one candidate answered', async () => {
		server().reply(forModel('gpt-4o'), answer('Paris, Lyon, Nice.'));
		server().reply(forModel('gpt-4o-mini'), { status: 400, json: { error: { message: 'no' } } });
		server().reply(forModel('gpt-4.1'), { status: 400, json: { error: { message: 'no' } } });
		const output = await runChat(panel(), settingsFor(connections()));
		expect(output.choices[0].message.content).toBe('Paris, Lyon, Nice.');
		expect(output.fusion.selection).toBe('consensus (only one answer to fuse)');
		expect(server().requestsTo(forModel('o3'))).toHaveLength(0);
	});

	it("streams the fuser's tokens to a live client, and none of the candidates'", async () => {
		server().reply(forModel('gpt-4o'), answer('Paris, Lyon, Nice.'));
		server().reply(forModel('gpt-4o-mini'), answer('Paris, Lille, Lyon.'));
		server().reply(forModel('gpt-4.1'), answer('Paris.'));
		const chunk = (content: string) => ({
			data: JSON.stringify({
				id: 'chatcmpl-fused',
				object: 'chat.completion.chunk',
				created: 1,
				model: 'o3',
				choices: [{ index: 0, delta: { content }, finish_reason: null }],
			}),
		});
		server().reply(forModel('o3'), {
			sse: [
				chunk('Paris, '),
				chunk('Lyon.'),
				{
					data: JSON.stringify({
						id: 'chatcmpl-fused',
						object: 'chat.completion.chunk',
						created: 1,
						model: 'o3',
						choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
					}),
				},
				{ data: '[DONE]' },
			],
		});
		const deltas: string[] = [];
		const output = await runChat(
			panel(),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		expect(deltas).toEqual(['Paris, ', 'Lyon.']);
		expect(output.choices[0].message.content).toBe('Paris, Lyon.');
		for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1'])
			expect((server().requestsTo(forModel(model))[0].body as { stream?: boolean }).stream).toBe(
				true,
			);
	});

	it('requires the fuser model', async () => {
		await expect(
			runChat(
				panel({ model: { strategy: 'best_of', models: ['openai/gpt-4o'], selection: 'fuse' } }),
				settingsFor(connections()),
			),
		).rejects.toThrow(
			'model.judge_model is required when model.selection is "fuse" (the model that writes the final answer)',
		);
	});
});
