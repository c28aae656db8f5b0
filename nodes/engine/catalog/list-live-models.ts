import { FusionError, type FusionErrorKind } from '../errors/fusion-error';
import { redactSecrets, secretsOf } from '../errors/redact-secrets';
import type { ConnectionResolver } from '../providers/connection-resolver';
import type { ProviderConnection, ProviderDefinition, ProviderId, UpstreamHttpRequest } from '../providers/provider-adapter';
import { fusionErrorFromResponse, readJsonBody } from '../providers/provider-response';
import { assertUsableConnection } from '../transport/check-connection';
import { describeTarget, fusionErrorFromTransportFailure, sendUpstream } from '../transport/send-upstream';
import type { CallTimeouts } from '../transport/timeouts';
import { fromAnthropicModelList } from './model-lists/from-anthropic-model-list';
import { fromGeminiModelList } from './model-lists/from-gemini-model-list';
import { fromMistralModelList } from './model-lists/from-mistral-model-list';
import { fromOpenAiModelList } from './model-lists/from-openai-model-list';
import { fromOpenRouterModelList } from './model-lists/from-openrouter-model-list';
import { fromTogetherModelList } from './model-lists/from-together-model-list';
import type { ListedModel, ModelListPage } from './model-lists/listed-model';

/** How to read one provider's list, and where its next page is. */
interface ModelListFormat {
	parse(body: unknown, provider: ProviderDefinition): ModelListPage;
	nextPageUrl?(url: string, cursor: string): string;
}

function withQuery(url: string, parameters: Record<string, string>): string {
	const next = new URL(url);
	for (const [name, value] of Object.entries(parameters)) next.searchParams.set(name, value);
	return next.toString();
}

const OPENAI_FORMAT: ModelListFormat = { parse: (body, provider) => fromOpenAiModelList(body, provider.displayName) };

const LIST_FORMATS: Partial<Record<ProviderId, ModelListFormat>> = {
	// Anthropic's pages hold 20 models by default; 1000 is its documented maximum.
	anthropic: { parse: fromAnthropicModelList, nextPageUrl: (url, cursor) => withQuery(url, { after_id: cursor, limit: '1000' }) },
	google: { parse: fromGeminiModelList, nextPageUrl: (url, cursor) => withQuery(url, { pageToken: cursor }) },
	mistral: { parse: fromMistralModelList },
	openrouter: { parse: fromOpenRouterModelList },
	together: { parse: fromTogetherModelList },
};

/** A runaway cursor must not keep the node busy: no provider lists anywhere near this many pages. */
const MAX_PAGES = 20;

export interface LiveListSettings {
	timeouts: CallTimeouts;
	/** The execution's cancel signal. */
	signal?: AbortSignal;
	connectionFor: ConnectionResolver;
}

export interface ListingError {
	type: FusionErrorKind;
	message: string;
	http_status?: number;
}

/** One provider's answer: its models, or why it could not list them. */
export type LiveListing =
	| { provider: ProviderId; ok: true; models: ListedModel[] }
	| { provider: ProviderId; ok: false; error: ListingError };

/** One GET to a provider's listing endpoint: its JSON body, or the FusionError saying why there is none. */
export async function fetchPage(
	request: UpstreamHttpRequest,
	provider: ProviderDefinition,
	settings: Pick<LiveListSettings, 'timeouts' | 'signal'>,
): Promise<unknown> {
	const response = await sendUpstream(request, { timeouts: settings.timeouts, signal: settings.signal });
	try {
		if (response.status >= 300) throw await fusionErrorFromResponse(response, provider, request.url);
		return await readJsonBody(response, provider, request.url, 'model list');
	} catch (error) {
		if (response.signal.aborted) throw response.abortReason();
		throw fusionErrorFromTransportFailure(error, describeTarget(request.url), settings.timeouts);
	} finally {
		response.done();
	}
}

async function listProvider(provider: ProviderDefinition, connection: ProviderConnection, settings: LiveListSettings): Promise<ListedModel[]> {
	assertUsableConnection(connection, provider.displayName);
	const format = LIST_FORMATS[provider.id] ?? OPENAI_FORMAT;
	const request = provider.adapter.toModelListRequest(connection);
	const models: ListedModel[] = [];
	let url = request.url;
	for (let page = 0; page < MAX_PAGES; page++) {
		const listed = format.parse(await fetchPage({ ...request, url }, provider, settings), provider);
		models.push(...listed.models);
		if (listed.cursor === undefined || format.nextPageUrl === undefined) break;
		url = format.nextPageUrl(request.url, listed.cursor);
	}
	return models;
}

/**
 * Asks each provider for the models its credential can use, all at once. A provider that cannot list (no
 * credential, refused key, unreachable, unreadable answer) gives an error entry; the others are unaffected.
 * No message carries the credential's key, even when the provider echoes it back.
 */
export async function listLiveModels(providers: readonly ProviderDefinition[], settings: LiveListSettings): Promise<LiveListing[]> {
	return Promise.all(
		providers.map(async (provider): Promise<LiveListing> => {
			let secrets: string[] = [];
			try {
				const connection = await settings.connectionFor(provider);
				secrets = secretsOf(connection);
				return { provider: provider.id, ok: true, models: await listProvider(provider, connection, settings) };
			} catch (thrown) {
				const error = thrown instanceof FusionError ? thrown : new FusionError({ kind: 'network', message: String(thrown) });
				const listingError: ListingError = { type: error.kind, message: redactSecrets(error.message, secrets) };
				if (error.httpStatus !== undefined) listingError.http_status = error.httpStatus;
				return { provider: provider.id, ok: false, error: listingError };
			}
		}),
	);
}
