import type { ProviderAdapter, ProviderConnection, UpstreamHttpRequest } from '../provider-adapter';
import {
	openAiCompatibleHeaders,
	openAiCompatibleUrl,
	type OpenAiCompatibleConfig,
} from './openai-compatible-config';
import { openAiCompatibleErrorDetailFromBody } from './openai-compatible-error';
import { createOpenAiCompatibleStreamAssembler } from './openai-compatible-stream-assembler';
import { fromOpenAiCompatibleResponse } from './from-openai-compatible-response';
import { openAiCompatibleRequestGap } from './openai-compatible-request-gap';
import { toOpenAiCompatibleRequest } from './to-openai-compatible-request';

/** One adapter for every OpenAI-compatible provider; what differs between them is the config. */
export function createOpenAiCompatibleAdapter(config: OpenAiCompatibleConfig): ProviderAdapter {
	const getRequest = (connection: ProviderConnection, path: string): UpstreamHttpRequest => ({
		method: 'GET',
		url: openAiCompatibleUrl(config, connection, path),
		headers: { ...openAiCompatibleHeaders(config, connection), accept: 'application/json' },
	});
	const { credentialCheckPath } = config;
	return {
		takesProviderPreferences: config.takesProviderPreferences === true,
		requestGap: (request) => openAiCompatibleRequestGap(request, config),
		toChatRequest: (request, connection) => toOpenAiCompatibleRequest(request, connection, config),
		fromChatResponse: fromOpenAiCompatibleResponse,
		createStreamAssembler: createOpenAiCompatibleStreamAssembler,
		errorDetailFromBody: openAiCompatibleErrorDetailFromBody,
		toModelListRequest: (connection) => getRequest(connection, config.modelListPath),
		fromModelList: config.fromModelList,
		...(credentialCheckPath === undefined
			? {}
			: {
					toCredentialCheckRequest: (connection: ProviderConnection) =>
						getRequest(connection, credentialCheckPath),
				}),
	};
}
