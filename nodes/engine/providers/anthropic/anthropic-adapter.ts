import type { ProviderAdapter, ProviderConnection, ProviderDefinition } from '../provider-adapter';
import { anthropicErrorDetailFromBody } from './anthropic-error';
import { createAnthropicStreamAssembler } from './anthropic-stream-assembler';
import { fromAnthropicResponse } from './from-anthropic-response';
import { toAnthropicRequest } from './to-anthropic-request';

/** The Messages API version the schemas in this folder follow. */
export const ANTHROPIC_API_VERSION = '2023-06-01';

function authHeaders(connection: ProviderConnection): Record<string, string> {
	// Without a key the header is left out, so Anthropic answers with its own authentication_error.
	const key: Record<string, string> = connection.apiKey === undefined ? {} : { 'x-api-key': connection.apiKey };
	return { ...key, 'anthropic-version': ANTHROPIC_API_VERSION };
}

export const anthropicAdapter: ProviderAdapter = {
	toChatRequest(request, connection) {
		const { body, warnings } = toAnthropicRequest(request);
		return {
			http: {
				method: 'POST',
				url: `${connection.baseUrl}/v1/messages`,
				headers: {
					...authHeaders(connection),
					'content-type': 'application/json',
					accept: request.stream ? 'text/event-stream' : 'application/json',
				},
				body,
			},
			warnings,
		};
	},
	fromChatResponse: fromAnthropicResponse,
	createStreamAssembler: createAnthropicStreamAssembler,
	errorDetailFromBody: anthropicErrorDetailFromBody,
	toModelListRequest(connection) {
		return {
			method: 'GET',
			url: `${connection.baseUrl}/v1/models`,
			headers: { ...authHeaders(connection), accept: 'application/json' },
		};
	},
};

export const anthropicProvider: ProviderDefinition = {
	id: 'anthropic',
	displayName: 'Anthropic',
	credentialType: 'fusionAnthropicApi',
	modelPrefixes: ['anthropic/'],
	defaultBaseUrl: 'https://api.anthropic.com',
	apiKeyRequired: true,
	adapter: anthropicAdapter,
};
