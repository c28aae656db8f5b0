import { withQuery } from '../listed-model';
import type { ProviderAdapter } from '../provider-adapter';
import { authHeaders, defineProvider, type ProviderAuth } from '../provider-definition';
import { anthropicErrorDetailFromBody } from './anthropic-error';
import { anthropicRequestGap } from './anthropic-request-gap';
import { createAnthropicStreamAssembler } from './anthropic-stream-assembler';
import { fromAnthropicModelList } from './from-anthropic-model-list';
import { fromAnthropicResponse } from './from-anthropic-response';
import { toAnthropicRequest } from './to-anthropic-request';

/** The Messages API version the schemas in this folder follow. */
export const ANTHROPIC_API_VERSION = '2023-06-01';

/** Anthropic's own key header, and the API version on every request (without a key, so Anthropic says it is missing). */
const auth: ProviderAuth = {
	keyHeader: 'x-api-key',
	fixedHeaders: { 'anthropic-version': ANTHROPIC_API_VERSION },
};

export const anthropicAdapter: ProviderAdapter = {
	toChatRequest(request, connection) {
		const { body, warnings } = toAnthropicRequest(request);
		return {
			http: {
				method: 'POST',
				url: `${connection.baseUrl}/v1/messages`,
				headers: {
					...authHeaders(auth, connection),
					'content-type': 'application/json',
					accept: request.stream ? 'text/event-stream' : 'application/json',
				},
				body,
			},
			warnings,
		};
	},
	requestGap: anthropicRequestGap,
	fromChatResponse: fromAnthropicResponse,
	createStreamAssembler: createAnthropicStreamAssembler,
	errorDetailFromBody: anthropicErrorDetailFromBody,
	toModelListRequest(connection) {
		return {
			method: 'GET',
			url: `${connection.baseUrl}/v1/models`,
			headers: { ...authHeaders(auth, connection), accept: 'application/json' },
		};
	},
	fromModelList: fromAnthropicModelList,
	// Anthropic's pages hold 20 models by default; 1000 is its documented maximum.
	nextModelListPageUrl: (firstPageUrl, cursor) =>
		withQuery(firstPageUrl, { after_id: cursor, limit: '1000' }),
};

export const anthropicProvider = defineProvider({
	id: 'anthropic',
	displayName: 'Anthropic',
	credentialType: 'fusionAnthropicApi',
	modelPrefixes: ['anthropic/'],
	defaultBaseUrl: 'https://api.anthropic.com',
	apiKeyRequired: true,
	auth,
	credential: {
		documentationUrl: 'https://console.anthropic.com/settings/keys',
		icon: 'anthropic',
		baseUrlDescription:
			"Anthropic's public API, without /v1. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
	},
	adapter: anthropicAdapter,
});
