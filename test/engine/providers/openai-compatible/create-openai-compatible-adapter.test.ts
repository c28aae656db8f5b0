import { FusionError } from '../../../../nodes/engine/errors/fusion-error';
import { createOpenAiCompatibleAdapter } from '../../../../nodes/engine/providers/openai-compatible/create-openai-compatible-adapter';
import type { OpenAiCompatibleConfig } from '../../../../nodes/engine/providers/openai-compatible/openai-compatible-config';
import { recordedResponse, recordedSseEvents } from '../../../fixtures/recorded';
import { EXAMPLE_CONFIG } from './example-config';

const config: OpenAiCompatibleConfig = {
	...EXAMPLE_CONFIG,
	chatPath: '/v2/chat',
	modelListPath: '/v2/models',
	streamUsageOption: false,
	headers: { 'x-app': 'fusion' },
};
const adapter = createOpenAiCompatibleAdapter(config);
const connection = { baseUrl: 'https://llm.example', apiKey: 'secret-123456' };

describe('createOpenAiCompatibleAdapter', () => {
	it('builds the chat request from the config', () => {
		const built = adapter.toChatRequest(
			{ model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true },
			connection,
		);
		expect(built.http.url).toBe('https://llm.example/v2/chat');
		expect(built.http.headers).toStrictEqual({
			'x-app': 'fusion',
			authorization: 'Bearer secret-123456',
			'content-type': 'application/json',
			accept: 'text/event-stream',
		});
	});

	it('lists models with a GET carrying the auth header and the fixed headers', () => {
		expect(adapter.toModelListRequest(connection)).toStrictEqual({
			method: 'GET',
			url: 'https://llm.example/v2/models',
			headers: {
				'x-app': 'fusion',
				authorization: 'Bearer secret-123456',
				accept: 'application/json',
			},
		});
	});

	it('reads responses, streams and error bodies the OpenAI way', () => {
		expect(adapter.fromChatResponse(recordedResponse('groq')).finishReason).toBe('stop');
		const assembler = adapter.createStreamAssembler();
		for (const event of recordedSseEvents('mistral')) assembler.push(event);
		expect(assembler.finish().content).toBe('Hello, world! This is a test response.');
		expect(
			adapter.errorDetailFromBody({ error: { message: 'bad key', code: 'invalid_api_key' } })?.kind,
		).toBe('auth');
		expect(() => adapter.fromChatResponse({})).toThrow(FusionError);
	});

	it('gives each stream its own assembler', () => {
		const first = adapter.createStreamAssembler();
		first.push({
			data: JSON.stringify({ choices: [{ delta: { content: 'a' }, finish_reason: 'stop' }] }),
		});
		expect(() => adapter.createStreamAssembler().finish()).toThrow(
			'the stream ended before a finish reason',
		);
		expect(first.finish().content).toBe('a');
	});
});
