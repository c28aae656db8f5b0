import { FusionError } from '../../../nodes/engine/errors/fusion-error';
import { toAnthropicRequest } from '../../../nodes/engine/providers/anthropic/to-anthropic-request';
import { toGeminiRequest } from '../../../nodes/engine/providers/gemini/to-gemini-request';
import type { ModelCallRequest } from '../../../nodes/engine/providers/provider-adapter';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const PDF = 'data:application/pdf;base64,JVBERi0xLjQK';

const base: ModelCallRequest = {
	model: 'some-model',
	messages: [{ role: 'user', content: 'Hi' }],
	stream: false,
};

const CONVERSIONS = [
	['Anthropic', (request: ModelCallRequest) => toAnthropicRequest(request)],
	['Google Gemini', (request: ModelCallRequest) => toGeminiRequest(request)],
] as const;

const UNSENDABLE: Array<[string, Partial<ModelCallRequest>]> = [
	[
		'image parts',
		{
			messages: [
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is this?' },
						{ type: 'image_url', image_url: { url: PNG } },
					],
				},
			],
		},
	],
	[
		'file parts',
		{ messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: PDF } }] }] },
	],
	[
		'tool calls',
		{
			messages: [
				{ role: 'user', content: 'Weather?' },
				{
					role: 'assistant',
					content: null,
					tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
				},
			],
		},
	],
	[
		'tool messages',
		{
			messages: [
				{ role: 'user', content: 'Weather?' },
				{ role: 'tool', tool_call_id: 'c1', content: '18°C' },
			],
		},
	],
	['response_format json_object', { response_format: { type: 'json_object' } }],
	[
		'response_format json_schema',
		{ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } },
	],
	['reasoning_effort', { reasoning_effort: 'low' }],
];

describe.each(CONVERSIONS)('the %s request conversion', (name, convert) => {
	it.each(UNSENDABLE)(
		'refuses %s as a bad request rather than dropping them',
		(feature, overrides) => {
			let thrown: unknown;
			try {
				convert({ ...base, ...overrides });
			} catch (error) {
				thrown = error;
			}
			expect(thrown).toBeInstanceOf(FusionError);
			expect(thrown).toMatchObject({
				kind: 'bad_request',
				message: `${name} adapter cannot send ${feature} yet`,
			});
		},
	);
});

const developerAndTextParts: Partial<ModelCallRequest> = {
	response_format: { type: 'text' },
	messages: [
		{ role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'One' },
				{ type: 'text', text: 'Two' },
			],
		},
	],
};

describe('what the text-only conversions do send', () => {
	it('Anthropic: developer as system, text parts as text, a text response_format as nothing', () => {
		expect(toAnthropicRequest({ ...base, ...developerAndTextParts })).toEqual({
			body: {
				model: 'some-model',
				max_tokens: 4096,
				system: 'Be brief.',
				messages: [{ role: 'user', content: 'One\nTwo' }],
			},
			warnings: [],
		});
	});

	it('Gemini: developer as systemInstruction, text parts as text', () => {
		expect(toGeminiRequest({ ...base, ...developerAndTextParts })).toEqual({
			body: {
				systemInstruction: { parts: [{ text: 'Be brief.' }] },
				contents: [{ role: 'user', parts: [{ text: 'One\nTwo' }] }],
			},
			warnings: [],
		});
	});

	it('go to Anthropic as metadata.user_id, seed a warning', () => {
		const { body, warnings } = toAnthropicRequest({ ...base, seed: 7, user: 'u-1' });
		expect(body.metadata).toEqual({ user_id: 'u-1' });
		expect(body).not.toHaveProperty('seed');
		expect(warnings).toEqual(['seed is not supported by Anthropic and was not sent']);
	});

	it('go to Gemini as generationConfig.seed, user a warning', () => {
		const { body, warnings } = toGeminiRequest({ ...base, seed: 7, user: 'u-1' });
		expect(body.generationConfig).toEqual({ seed: 7 });
		expect(warnings).toEqual(['user is not supported by Google Gemini and was not sent']);
	});
});
