import { errorKindFromHttpStatus, FusionError } from '../errors/fusion-error';
import { BODY_LIMITS, discardBody, readBodyPrefix, readBodyText } from '../transport/read-body';
import { retryAfterMsFromHeaders } from '../transport/retry-policy';
import { describeTarget, type UpstreamResponse } from '../transport/send-upstream';
import { parseJson } from './parse-json';
import type { ModelAnswer, ProviderErrorDetail } from './provider-adapter';
import type { ProviderDefinition } from './provider-registry';

/** How much of an error body that is not JSON (a proxy's or a CDN's page) a message quotes. */
const MAX_TEXT_DETAIL_LENGTH = 500;

/** What an error body says: the provider's own error object when it is JSON, else the start of the text. */
export function errorDetailFromText(
	text: string,
	provider: ProviderDefinition,
): ProviderErrorDetail | undefined {
	const json = parseJson(text);
	if (json !== undefined) return provider.adapter.errorDetailFromBody(json);
	const trimmed = text.trim();
	return trimmed === '' ? undefined : { message: trimmed.slice(0, MAX_TEXT_DETAIL_LENGTH) };
}

/** The provider's message, with its error code where the message does not already name it (what to search for). */
function describeDetail(detail: ProviderErrorDetail): string {
	const { message, code } = detail;
	return code === undefined || message.includes(code) ? message : `${message} (${code})`;
}

/**
 * What a response with a status of 300 or more means, as a FusionError that names the provider and the
 * address but no secret. A redirect is never followed (the request carries the key) and its body is discarded;
 * of an error body only the part that is kept is read.
 */
export async function fusionErrorFromResponse(
	response: UpstreamResponse,
	provider: ProviderDefinition,
	url: string,
): Promise<FusionError> {
	if (response.status < 400) {
		await discardBody(response.body);
		const location = response.headers.location;
		return new FusionError({
			kind: 'bad_request',
			httpStatus: response.status,
			message: `${provider.displayName} answered with a redirect (HTTP ${response.status}${typeof location === 'string' ? ` to ${describeTarget(location)}` : ''}); redirects are not followed with credentials attached: set the credential's Base URL to the final address`,
		});
	}
	const text = await readBodyPrefix(response.body, BODY_LIMITS.errorBytes);
	const detail = errorDetailFromText(text, provider);
	return new FusionError({
		kind: detail?.kind ?? errorKindFromHttpStatus(response.status),
		httpStatus: response.status,
		retryAfterMs: retryAfterMsFromHeaders(response.headers),
		message: `${provider.displayName} answered HTTP ${response.status} from ${describeTarget(url)}${detail ? `: ${describeDetail(detail)}` : ''}`,
	});
}

/** A successful response's JSON body (`what`: "answer", "model list"), read within the answer limit. */
export async function readJsonBody(
	response: UpstreamResponse,
	provider: ProviderDefinition,
	url: string,
	what: string,
): Promise<unknown> {
	const text = await readBodyText(
		response.body,
		response.headers,
		BODY_LIMITS.answerBytes,
		`${provider.displayName}'s ${what}`,
	);
	const body = parseJson(text);
	if (body === undefined) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `${provider.displayName}'s ${what} is not JSON (${describeTarget(url)})`,
		});
	}
	return body;
}

/**
 * Translates a successful response's body. Some servers answer a failure with HTTP 200 and an error body (a
 * proxy, or a stream request answered with plain JSON): when the body is not an answer but reads as the
 * provider's error, that error is what the call failed with.
 */
export function answerFromBody(body: unknown, provider: ProviderDefinition): ModelAnswer {
	try {
		return provider.adapter.fromChatResponse(body);
	} catch (error) {
		const detail =
			error instanceof FusionError && error.kind === 'invalid_response'
				? provider.adapter.errorDetailFromBody(body)
				: undefined;
		if (detail === undefined) throw error;
		throw new FusionError({
			kind: detail.kind ?? 'server',
			message: `${provider.displayName} answered HTTP 200 with an error: ${detail.message}`,
		});
	}
}
