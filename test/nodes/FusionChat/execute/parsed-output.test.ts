import type { ChatCompletionOutput } from '../../../../nodes/engine';
import {
	NoParsedAnswerError,
	toParsedOnlyOutput,
} from '../../../../nodes/FusionChat/execute/parsed-output';
import { toSimplifiedOutput } from '../../../../nodes/FusionChat/execute/simplify-output';

/** An answer as the engine gives it; `message` replaces the assistant's message. */
const answer = (message: Record<string, unknown>): ChatCompletionOutput =>
	({
		id: 'chatcmpl-1',
		object: 'chat.completion',
		created: 1,
		model: 'openai/gpt-4o-mini',
		choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
		usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
		fusion: {
			strategy: 'single',
			provider: 'openai',
			model: 'gpt-4o-mini',
			cost_usd: 0.0001,
			latency_ms: 30,
			cached: false,
			warnings: [],
			attempts: [],
		},
	}) as unknown as ChatCompletionOutput;

describe('toParsedOnlyOutput', () => {
	it('makes the parsed object the item and keeps the response it is given under _response', () => {
		const parsed = { invoice_number: 'INV-42', total: 99.5, currency: 'EUR' };
		const output = answer({ content: JSON.stringify(parsed), parsed });
		expect(toParsedOnlyOutput(output, { answer: 'as simplified' })).toEqual({
			invoice_number: 'INV-42',
			total: 99.5,
			currency: 'EUR',
			_response: { answer: 'as simplified' },
		});
	});

	it('puts a value that is not an object under "parsed", since an item must be an object', () => {
		expect(toParsedOnlyOutput(answer({ content: '[1,2]', parsed: [1, 2] }), {})).toEqual({
			parsed: [1, 2],
			_response: {},
		});
		expect(toParsedOnlyOutput(answer({ content: 'null', parsed: null }), {})).toEqual({
			parsed: null,
			_response: {},
		});
	});

	it('fails an answer without parsed JSON, quoting a refusal', () => {
		const refused = answer({ content: null, refusal: 'I cannot read this document.' });
		expect(() => toParsedOnlyOutput(refused, {})).toThrow(NoParsedAnswerError);
		expect(() => toParsedOnlyOutput(refused, {})).toThrow(
			'The answer holds no parsed JSON to output (the model refused: I cannot read this document.); turn off Options → Output Parsed JSON Only to get the answer as it is',
		);
		expect(() => toParsedOnlyOutput(answer({ content: 'plain text' }), {})).toThrow(
			/^The answer holds no parsed JSON to output; turn off/,
		);
	});
});

describe('toSimplifiedOutput with a JSON answer', () => {
	it('adds "parsed" after the answer, and only when the answer has it', () => {
		const parsed = { label: 'billing' };
		const simplified = toSimplifiedOutput(answer({ content: '{"label":"billing"}', parsed }));
		expect(Object.keys(simplified).slice(0, 2)).toEqual(['answer', 'parsed']);
		expect(simplified.parsed).toEqual(parsed);
		expect(toSimplifiedOutput(answer({ content: 'text' }))).not.toHaveProperty('parsed');
	});
});
