import { anthropicModelTraits } from '../../../../nodes/engine/providers/anthropic/anthropic-model-traits';
import { toAnthropicRequest } from '../../../../nodes/engine/providers/anthropic/to-anthropic-request';
import type { ModelCapabilities } from '../../../../nodes/engine/providers/listed-model';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';

const INVOICE_SCHEMA = {
	type: 'object',
	properties: { number: { type: 'string' }, total: { type: 'number', minimum: 0 } },
	required: ['number', 'total'],
};
const JSON_SCHEMA_FORMAT: ModelCallRequest['response_format'] = {
	type: 'json_schema',
	json_schema: { name: 'invoice', schema: INVOICE_SCHEMA },
};

function convert(overrides: Partial<ModelCallRequest>) {
	return toAnthropicRequest({
		model: 'claude-sonnet-4-5',
		messages: [{ role: 'user', content: 'Go' }],
		stream: false,
		...overrides,
	});
}

function capabilities(overrides: Partial<ModelCapabilities>): ModelCapabilities {
	return {
		chat: true,
		completions: false,
		embeddings: false,
		moderation: false,
		vision: true,
		tools: true,
		json_output: false,
		pdf: true,
		json_schema: true,
		reasoning: false,
		...overrides,
	};
}

describe('anthropicModelTraits', () => {
	it.each([
		['claude-3-haiku-20240307', false, 'none', false],
		['claude-3-7-sonnet-20250219', false, 'budget', false],
		['claude-sonnet-4-20250514', false, 'budget', false],
		['claude-opus-4-0', false, 'budget', false],
		['claude-opus-4-1-20250805', true, 'budget', false],
		['claude-haiku-4-5', true, 'budget', false],
		['claude-opus-4-6', true, 'adaptive', false],
		['claude-opus-4-7', true, 'adaptive', true],
		['claude-sonnet-5', true, 'adaptive', true],
		['claude-fable-5', true, 'adaptive', true],
		['claude-something-new', true, 'adaptive', true],
		['glm-4.6', false, 'budget', false],
	])(
		'%s: structured outputs %s, thinking %s, rejects sampling %s',
		(model, structured, thinking, rejects) => {
			expect(anthropicModelTraits(model)).toMatchObject({
				structuredOutputs: structured,
				thinking,
				rejectsSampling: rejects,
			});
		},
	);

	it('lets the catalog decide structured outputs and whether there is any thinking', () => {
		expect(
			anthropicModelTraits(
				'claude-opus-4-6',
				capabilities({ json_output: false, reasoning: false }),
			),
		).toMatchObject({
			structuredOutputs: false,
			thinking: 'none',
		});
		expect(
			anthropicModelTraits(
				'claude-3-haiku-20240307',
				capabilities({ json_output: true, reasoning: true }),
			),
		).toMatchObject({
			structuredOutputs: true,
			thinking: 'budget',
		});
	});
});

describe('toAnthropicRequest: response_format', () => {
	it('sends json_schema as structured outputs where the model has them, moving unenforceable keywords into descriptions', () => {
		const { body, warnings } = convert({ response_format: JSON_SCHEMA_FORMAT });
		expect(body.output_config).toEqual({
			format: {
				type: 'json_schema',
				schema: {
					type: 'object',
					properties: {
						number: { type: 'string' },
						total: { type: 'number', description: 'minimum: 0.' },
					},
					required: ['number', 'total'],
					additionalProperties: false,
				},
			},
		});
		expect(body).not.toHaveProperty('tools');
		expect(warnings).toEqual([
			"Anthropic's structured outputs do not enforce minimum; they were sent as descriptions and the answer is still checked against the full JSON Schema",
		]);
	});

	it('forces a single tool whose input schema is the schema where the model has no structured outputs', () => {
		const { body, warnings } = convert({
			model: 'claude-sonnet-4-0',
			response_format: JSON_SCHEMA_FORMAT,
		});
		expect(body.tools).toEqual([
			{
				name: 'json_answer',
				description: 'Give the answer as invoice.',
				input_schema: INVOICE_SCHEMA,
			},
		]);
		expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_answer' });
		expect(body).not.toHaveProperty('output_config');
		expect(warnings).toEqual([]);
	});

	it('falls back to the tool, with a warning, for a schema with an open object', () => {
		const { body, warnings } = convert({
			response_format: {
				type: 'json_schema',
				json_schema: {
					name: 'tags',
					schema: { type: 'object', additionalProperties: { type: 'string' } },
				},
			},
		});
		expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_answer' });
		expect(warnings[0]).toMatch(/open to further properties/);
	});

	it('sends json_object through the forced tool with an open object schema, on every model', () => {
		const { body } = convert({
			model: 'claude-opus-4-6',
			response_format: { type: 'json_object' },
		});
		expect(body.tools).toEqual([
			{
				name: 'json_answer',
				description: 'Give the answer as a JSON object.',
				input_schema: { type: 'object' },
			},
		]);
		// Claude 4.6 may think unasked; a forced tool does not allow it.
		expect(body.thinking).toEqual({ type: 'disabled' });
	});

	it('sends a text response_format as nothing', () => {
		const { body } = convert({ response_format: { type: 'text' } });
		expect(body).not.toHaveProperty('output_config');
		expect(body).not.toHaveProperty('tools');
	});
});

describe('toAnthropicRequest: reasoning_effort', () => {
	it('gives a budget model a thinking budget inside the default answer room', () => {
		const { body, warnings } = convert({ reasoning_effort: 'medium' });
		expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
		expect(body.max_tokens).toBe(8192 + 4096);
		expect(warnings).toEqual([]);
	});

	it('keeps a max_tokens the budget fits in, halves the budget when it does not, raises max_tokens below the floor', () => {
		expect(convert({ reasoning_effort: 'low', max_tokens: 8000 }).body).toMatchObject({
			max_tokens: 8000,
			thinking: { type: 'enabled', budget_tokens: 2048 },
		});
		const halved = convert({ reasoning_effort: 'high', max_tokens: 10_000 });
		expect(halved.body).toMatchObject({ max_tokens: 10_000, thinking: { budget_tokens: 5000 } });
		expect(halved.warnings).toEqual([
			'the thinking budget for the reasoning effort was lowered to 5000 tokens, half of max_tokens (10000), because Anthropic counts thinking inside max_tokens',
		]);
		const raised = convert({ reasoning_effort: 'minimal', max_tokens: 500 });
		expect(raised.body).toMatchObject({ max_tokens: 1524, thinking: { budget_tokens: 1024 } });
		expect(raised.warnings).toEqual([
			'max_tokens was raised from 500 to 1524: Anthropic counts thinking inside max_tokens and needs a budget of at least 1024 tokens',
		]);
	});

	it('gives a Claude 4.6 model adaptive thinking with an effort, minimal read as low', () => {
		const { body } = convert({ model: 'claude-sonnet-4-6', reasoning_effort: 'minimal' });
		expect(body).toMatchObject({
			thinking: { type: 'adaptive' },
			output_config: { effort: 'low' },
			max_tokens: 16_000,
		});
	});

	it('keeps structured outputs alongside thinking', () => {
		const { body } = convert({
			model: 'claude-opus-4-6',
			reasoning_effort: 'high',
			response_format: JSON_SCHEMA_FORMAT,
		});
		expect(body.thinking).toEqual({ type: 'adaptive' });
		expect(body.output_config?.effort).toBe('high');
		expect(body.output_config?.format?.type).toBe('json_schema');
	});

	it('drops thinking, with a warning, where the answer needs a forced tool', () => {
		const { body, warnings } = convert({
			model: 'claude-opus-4-0',
			reasoning_effort: 'high',
			response_format: JSON_SCHEMA_FORMAT,
		});
		expect(body).not.toHaveProperty('thinking');
		expect(body.tool_choice).toEqual({ type: 'tool', name: 'json_answer' });
		expect(warnings).toEqual([
			'reasoning_effort was not sent: this Anthropic model answers to the response format through a forced tool, and Anthropic does not allow thinking with a forced tool',
		]);
	});

	it('turns thinking off for none, says so where it cannot, and warns for a model without thinking', () => {
		expect(convert({ model: 'claude-sonnet-5', reasoning_effort: 'none' }).body.thinking).toEqual({
			type: 'disabled',
		});
		const alwaysOn = convert({ model: 'claude-fable-5', reasoning_effort: 'none' });
		expect(alwaysOn.body).not.toHaveProperty('thinking');
		expect(alwaysOn.body.output_config).toEqual({ effort: 'low' });
		expect(alwaysOn.warnings[0]).toMatch(/always thinks/);
		const old = convert({ model: 'claude-3-haiku-20240307', reasoning_effort: 'high' });
		expect(old.body).not.toHaveProperty('thinking');
		expect(old.warnings).toEqual([
			'reasoning_effort was not sent: this Anthropic model has no thinking control',
		]);
	});

	it('drops temperature and a low top_p with thinking, keeps a top_p from 0.95', () => {
		const dropped = convert({ reasoning_effort: 'low', temperature: 0.2, top_p: 0.5 });
		expect(dropped.body).not.toHaveProperty('temperature');
		expect(dropped.body).not.toHaveProperty('top_p');
		expect(dropped.warnings).toEqual([
			'temperature was not sent: Anthropic does not accept it with thinking',
			'top_p 0.5 was not sent: with thinking Anthropic accepts top_p from 0.95 to 1',
		]);
		expect(convert({ reasoning_effort: 'low', top_p: 0.97 }).body.top_p).toBe(0.97);
	});

	it('sends no sampling settings to models that reject them', () => {
		const { body, warnings } = convert({ model: 'claude-opus-4-7', temperature: 0.3, top_p: 0.9 });
		expect(body).not.toHaveProperty('temperature');
		expect(body).not.toHaveProperty('top_p');
		expect(warnings).toEqual([
			'temperature and top_p not sent: this Anthropic model does not accept sampling settings',
		]);
	});
});
