import { runChat } from '../../../../nodes/engine/chat/run-chat';
import type { UnifiedChatRequest } from '../../../../nodes/engine/request/unified-request';
import { SIMULATED_THOUGHT } from '../../../mock-provider/gemini-wire';
import { useMockProvider } from '../../../mock-provider/use-mock-provider';
import { settingsFor } from '../../chat/engine-settings';

/**
 * The grown request through the engine to the Gemini wire format over real HTTP, the mock provider as strict as
 * Gemini: what Gemini received, and that the answer is the JSON and not the thought before it.
 */

const mock = useMockProvider();
const connections = () => ({
	google: { baseUrl: mock.server.url, apiKey: 'AIza-gemini-http-test-0123456789' },
});

const JPEG_BASE64 = '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDA==';
const schema = {
	type: 'object',
	properties: {
		label: { type: 'string', enum: ['cat', 'dog'] },
		confidence: { type: 'number', minimum: 0 },
	},
	required: ['label', 'confidence'],
	additionalProperties: false,
};

const photoRequest = (model: string, stream = false): UnifiedChatRequest => ({
	model,
	messages: [
		{ role: 'developer', content: 'Label the photo.' },
		{
			role: 'user',
			content: [
				{ type: 'text', text: 'Cat or dog?' },
				{ type: 'image_url', image_url: { url: `data:image/jpeg;base64,${JPEG_BASE64}` } },
			],
		},
	],
	response_format: { type: 'json_schema', json_schema: { name: 'label', schema, strict: true } },
	reasoning_effort: 'low',
	stream,
});

const expectedJson = JSON.stringify({ label: 'cat', confidence: 0 });

describe('Gemini over HTTP', () => {
	it('sends the image as inlineData with its media type, the schema and a thinking level, and answers with the JSON alone', async () => {
		const output = await runChat(
			photoRequest('google/gemini-3-flash-preview'),
			settingsFor(connections()),
		);

		const [received] = mock.server.requests;
		expect(received.path).toBe('/v1beta/models/gemini-3-flash-preview:generateContent');
		expect(received.body).toStrictEqual({
			systemInstruction: { parts: [{ text: 'Label the photo.' }] },
			contents: [
				{
					role: 'user',
					parts: [
						{ text: 'Cat or dog?' },
						{ inlineData: { mimeType: 'image/jpeg', data: JPEG_BASE64 } },
					],
				},
			],
			generationConfig: {
				responseMimeType: 'application/json',
				responseJsonSchema: schema,
				thinkingConfig: { thinkingLevel: 'low', includeThoughts: false },
			},
		});
		expect(output.fusion.attempts.map((attempt) => attempt.status)).toEqual(['ok']);
		expect(output.choices[0].message.content).toBe(expectedJson);
		expect(output.choices[0].message.content).not.toContain(SIMULATED_THOUGHT);
		expect(output.usage.completion_tokens_details).toEqual({ reasoning_tokens: 40 });
		expect(output.usage.completion_tokens).toBeGreaterThan(40);
	});

	it('streams the JSON without the thought chunk Gemini sends first', async () => {
		const deltas: string[] = [];
		const output = await runChat(
			photoRequest('google/gemini-2.5-flash', true),
			settingsFor(connections(), { onDelta: (text) => deltas.push(text) }),
		);
		const [received] = mock.server.requests;
		expect(received.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
		expect(received.body).toMatchObject({
			generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: false } },
		});
		expect(deltas.join('')).toBe(expectedJson);
		expect(output.choices[0].message.content).toBe(expectedJson);
	});

	it('sends Gemini 2.0 the schema as the OpenAPI subset the mock accepts, with a warning for what was left out', async () => {
		const output = await runChat(
			{ ...photoRequest('google/gemini-2.0-flash'), reasoning_effort: undefined },
			settingsFor(connections()),
		);
		const [received] = mock.server.requests;
		expect(received.body).toMatchObject({
			generationConfig: {
				responseMimeType: 'application/json',
				responseSchema: {
					type: 'object',
					properties: schema.properties,
					propertyOrdering: ['label', 'confidence'],
					required: ['label', 'confidence'],
				},
			},
		});
		expect(output.choices[0].message.content).toBe(expectedJson);
		expect(output.fusion.warnings).toContain(
			'Google Gemini model gemini-2.0-flash takes a schema in the OpenAPI subset only; response_format.json_schema.schema was sent without additionalProperties',
		);
	});
});
