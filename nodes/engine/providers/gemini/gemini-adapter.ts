import { withQuery } from '../listed-model';
import type { ProviderAdapter } from '../provider-adapter';
import { authHeaders, defineProvider, type ProviderAuth } from '../provider-definition';
import { fromGeminiModelList } from './from-gemini-model-list';
import { fromGeminiResponse } from './from-gemini-response';
import { geminiErrorDetailFromBody } from './gemini-error';
import { geminiRequestGap } from './gemini-request-gap';
import { createGeminiStreamAssembler } from './gemini-stream-assembler';
import { toGeminiRequest } from './to-gemini-request';

const API_PATH = '/v1beta';

/** The key travels in a header only, never as `?key=`: a URL ends up in proxy logs and error messages. */
const auth: ProviderAuth = { keyHeader: 'x-goog-api-key' };

/** Gemini's own model list names models `models/gemini-…`; both spellings must reach the same URL. */
function modelPathSegment(model: string): string {
	return encodeURIComponent(model.replace(/^models\//, ''));
}

export const geminiAdapter: ProviderAdapter = {
	toChatRequest(request, connection) {
		const { body, warnings } = toGeminiRequest(request);
		const method = request.stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
		return {
			http: {
				method: 'POST',
				url: `${connection.baseUrl}${API_PATH}/models/${modelPathSegment(request.model)}:${method}`,
				headers: { ...authHeaders(auth, connection), 'content-type': 'application/json' },
				body,
			},
			warnings,
		};
	},
	requestGap: geminiRequestGap,
	fromChatResponse: fromGeminiResponse,
	createStreamAssembler: createGeminiStreamAssembler,
	errorDetailFromBody: geminiErrorDetailFromBody,
	toModelListRequest(connection) {
		// The default page holds 50 models, fewer than Gemini lists; 1000 is the documented maximum.
		return {
			method: 'GET',
			url: `${connection.baseUrl}${API_PATH}/models?pageSize=1000`,
			headers: authHeaders(auth, connection),
		};
	},
	fromModelList: fromGeminiModelList,
	nextModelListPageUrl: (firstPageUrl, cursor) => withQuery(firstPageUrl, { pageToken: cursor }),
};

export const geminiProvider = defineProvider({
	id: 'google',
	displayName: 'Google Gemini',
	credentialType: 'fusionGoogleGeminiApi',
	modelPrefixes: ['google/', 'gemini/'],
	defaultBaseUrl: 'https://generativelanguage.googleapis.com',
	apiKeyRequired: true,
	auth,
	credential: {
		documentationUrl: 'https://aistudio.google.com/app/apikey',
		icon: 'gemini',
		baseUrlDescription:
			'The Gemini API, without /v1beta. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.',
	},
	adapter: geminiAdapter,
});
