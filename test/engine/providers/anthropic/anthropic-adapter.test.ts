import {
	ANTHROPIC_API_VERSION,
	anthropicAdapter,
	anthropicProvider,
} from '../../../../nodes/engine/providers/anthropic/anthropic-adapter';
import type { ModelCallRequest } from '../../../../nodes/engine/providers/provider-adapter';
import { recordedChunks, recordedResponse } from '../../../fixtures/recorded';

const connection = { baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-test-key' };

function request(stream: boolean): ModelCallRequest {
	return {
		model: 'claude-sonnet-4-5',
		messages: [
			{ role: 'system', content: 'Be brief.' },
			{ role: 'user', content: 'Hello' },
		],
		frequency_penalty: 1,
		stream,
	};
}

describe('anthropicAdapter', () => {
	it('builds the Messages API call with its headers and warnings', () => {
		expect(ANTHROPIC_API_VERSION).toBe('2023-06-01');
		expect(anthropicAdapter.toChatRequest(request(false), connection)).toEqual({
			http: {
				method: 'POST',
				url: 'https://api.anthropic.com/v1/messages',
				headers: {
					'x-api-key': 'sk-ant-test-key',
					'anthropic-version': '2023-06-01',
					'content-type': 'application/json',
					accept: 'application/json',
				},
				body: {
					model: 'claude-sonnet-4-5',
					max_tokens: 4096,
					system: 'Be brief.',
					messages: [{ role: 'user', content: 'Hello' }],
				},
			},
			warnings: ['frequency_penalty is not supported by Anthropic and was not sent'],
		});
	});

	it('asks for an event stream when streaming', () => {
		const { http } = anthropicAdapter.toChatRequest(request(true), {
			baseUrl: 'http://localhost:8080/proxy',
			apiKey: 'k',
		});
		expect(http.url).toBe('http://localhost:8080/proxy/v1/messages');
		expect(http.headers.accept).toBe('text/event-stream');
		expect((http.body as { stream?: boolean }).stream).toBe(true);
	});

	it('sends no x-api-key header when the connection has no key', () => {
		const { http } = anthropicAdapter.toChatRequest(request(false), {
			baseUrl: 'https://api.anthropic.com',
		});
		expect(Object.keys(http.headers)).not.toContain('x-api-key');
		expect(http.headers['anthropic-version']).toBe('2023-06-01');
	});

	it('lists models with the same authentication', () => {
		expect(anthropicAdapter.toModelListRequest(connection)).toEqual({
			method: 'GET',
			url: 'https://api.anthropic.com/v1/models',
			headers: {
				'x-api-key': 'sk-ant-test-key',
				'anthropic-version': '2023-06-01',
				accept: 'application/json',
			},
		});
	});

	it('reads responses, streams and error bodies with the Anthropic conversions', () => {
		expect(anthropicAdapter.fromChatResponse(recordedResponse('anthropic')).id).toBe(
			'msg_01VdEjxAP5ahtHKrrRdNBteQ',
		);
		const assembler = anthropicAdapter.createStreamAssembler();
		for (const data of recordedChunks('anthropic')) assembler.push({ data });
		expect(assembler.finish().usage?.completion_tokens).toBe(30);
		expect(
			anthropicAdapter.errorDetailFromBody({
				type: 'error',
				error: { type: 'overloaded_error', message: 'Overloaded' },
			})?.kind,
		).toBe('overloaded');
	});
});

describe('anthropicProvider', () => {
	it('describes the Anthropic provider', () => {
		expect(anthropicProvider).toMatchObject({
			id: 'anthropic',
			displayName: 'Anthropic',
			credentialType: 'fusionAnthropicApi',
			modelPrefixes: ['anthropic/'],
			defaultBaseUrl: 'https://api.anthropic.com',
			apiKeyRequired: true,
			auth: {
				keyHeader: 'x-api-key',
				fixedHeaders: { 'anthropic-version': ANTHROPIC_API_VERSION },
			},
			adapter: anthropicAdapter,
		});
	});
});
