import { FusionError, type FusionErrorKind } from '../errors/fusion-error';
import { redactSecrets, secretsOf } from '../errors/redact-secrets';
import type { ConnectionResolver } from '../providers/connection-resolver';
import type { ListedModel } from '../providers/listed-model';
import type { ProviderConnection, UpstreamHttpRequest } from '../providers/provider-adapter';
import type { ProviderDefinition, ProviderId } from '../providers/provider-registry';
import { fusionErrorFromResponse, readJsonBody } from '../providers/provider-response';
import { assertUsableConnection } from '../transport/check-connection';
import {
	describeTarget,
	fusionErrorFromTransportFailure,
	sendUpstream,
} from '../transport/send-upstream';
import type { CallTimeouts } from '../transport/timeouts';

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
	const response = await sendUpstream(request, {
		timeouts: settings.timeouts,
		signal: settings.signal,
	});
	try {
		if (response.status >= 300)
			throw await fusionErrorFromResponse(response, provider, request.url);
		return await readJsonBody(response, provider, request.url, 'model list');
	} catch (error) {
		if (response.signal.aborted) throw response.abortReason();
		throw fusionErrorFromTransportFailure(error, describeTarget(request.url), settings.timeouts);
	} finally {
		response.done();
	}
}

/**
 * What a listing or credential check threw, as a FusionError whose message names none of the connection's
 * secrets (providers echo keys back); anything else thrown counts as a network failure.
 */
export function redactedFusionError(thrown: unknown, secrets: readonly string[]): FusionError {
	const error =
		thrown instanceof FusionError
			? thrown
			: new FusionError({ kind: 'network', message: String(thrown) });
	return new FusionError({
		kind: error.kind,
		httpStatus: error.httpStatus,
		message: redactSecrets(error.message, secrets),
	});
}

async function listProvider(
	provider: ProviderDefinition,
	connection: ProviderConnection,
	settings: LiveListSettings,
): Promise<ListedModel[]> {
	assertUsableConnection(connection, provider.displayName);
	const { adapter } = provider;
	const request = adapter.toModelListRequest(connection);
	const models: ListedModel[] = [];
	let url = request.url;
	for (let page = 0; page < MAX_PAGES; page++) {
		const listed = adapter.fromModelList(
			await fetchPage({ ...request, url }, provider, settings),
			provider.displayName,
		);
		models.push(...listed.models);
		if (listed.cursor === undefined || adapter.nextModelListPageUrl === undefined) break;
		url = adapter.nextModelListPageUrl(request.url, listed.cursor);
	}
	return models;
}

/**
 * Asks each provider for the models its credential can use, all at once. A provider that cannot list (no
 * credential, refused key, unreachable, unreadable answer) gives an error entry; the others are unaffected.
 * No message carries the credential's key, even when the provider echoes it back.
 */
export async function listLiveModels(
	providers: readonly ProviderDefinition[],
	settings: LiveListSettings,
): Promise<LiveListing[]> {
	return Promise.all(
		providers.map(async (provider): Promise<LiveListing> => {
			let secrets: string[] = [];
			try {
				const connection = await settings.connectionFor(provider);
				secrets = secretsOf(connection);
				return {
					provider: provider.id,
					ok: true,
					models: await listProvider(provider, connection, settings),
				};
			} catch (thrown) {
				const error = redactedFusionError(thrown, secrets);
				const listingError: ListingError = { type: error.kind, message: error.message };
				if (error.httpStatus !== undefined) listingError.http_status = error.httpStatus;
				return { provider: provider.id, ok: false, error: listingError };
			}
		}),
	);
}
