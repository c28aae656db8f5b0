import type { ProviderAdapter, ProviderConnection, ProviderDefinition } from '../provider-adapter';
import { fromGeminiResponse } from './from-gemini-response';
import { geminiErrorDetailFromBody } from './gemini-error';
import { createGeminiStreamAssembler } from './gemini-stream-assembler';
import { toGeminiRequest } from './to-gemini-request';

const API_PATH = '/v1beta';

/** Gemini's own model list names models `models/gemini-…`; both spellings must reach the same URL. */
function modelPathSegment(model: string): string {
	return encodeURIComponent(model.replace(/^models\//, ''));
}

/** The key travels in a header only: a URL ends up in proxy logs and error messages. */
function authHeaders(connection: ProviderConnection): Record<string, string> {
	return connection.apiKey ? { 'x-goog-api-key': connection.apiKey } : {};
}

export const geminiAdapter: ProviderAdapter = {
	toChatRequest(request, connection) {
		const { body, warnings } = toGeminiRequest(request);
		const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
		return {
			http: {
				method: 'POST',
				url: `${connection.baseUrl}${API_PATH}/models/${modelPathSegment(request.model)}:${method}`,
				headers: { ...authHeaders(connection), 'content-type': 'application/json' },
				body,
			},
			warnings,
		};
	},
	fromChatResponse: fromGeminiResponse,
	createStreamAssembler: createGeminiStreamAssembler,
	errorDetailFromBody: geminiErrorDetailFromBody,
	toModelListRequest(connection) {
		// The default page holds 50 models, fewer than Gemini lists; 1000 is the documented maximum.
		return { method: 'GET', url: `${connection.baseUrl}${API_PATH}/models?pageSize=1000`, headers: authHeaders(connection) };
	},
};

export const geminiProvider: ProviderDefinition = {
	id: 'google',
	displayName: 'Google Gemini',
	credentialType: 'fusionGoogleGeminiApi',
	modelPrefixes: ['google/', 'gemini/'],
	defaultBaseUrl: 'https://generativelanguage.googleapis.com',
	apiKeyRequired: true,
	adapter: geminiAdapter,
};
