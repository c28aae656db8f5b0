import {
	FusionError,
	looksLikeContextLengthError,
	type FusionErrorKind,
} from '../../errors/fusion-error';
import type { ProviderErrorDetail } from '../provider-adapter';
import { anthropicErrorBodySchema, type AnthropicErrorBody } from './anthropic-api-schemas';

/** The kind an Anthropic error type means; undefined leaves the decision to the HTTP status. */
export function errorKindFromAnthropicErrorType(
	type: string,
	message: string,
): FusionErrorKind | undefined {
	switch (type) {
		case 'authentication_error':
		case 'permission_error':
		case 'billing_error': // An account without credit fails every call like a bad key does: fail over, never retry.
			return 'auth';
		case 'not_found_error':
			return 'not_found';
		case 'rate_limit_error':
			return 'rate_limit';
		case 'overloaded_error':
			return 'overloaded';
		case 'api_error':
			return 'server';
		case 'timeout_error':
			return 'timeout';
		case 'request_too_large':
			return 'context_length';
		case 'invalid_request_error':
			return looksLikeContextLengthError(message) ? 'context_length' : 'bad_request';
		default:
			return undefined;
	}
}

function detailFromErrorBody(body: AnthropicErrorBody): ProviderErrorDetail {
	const { type, message } = body.error;
	const kind = errorKindFromAnthropicErrorType(type, message);
	return kind === undefined ? { message, code: type } : { message, code: type, kind };
}

/** Reads `{type: "error", error: {type, message}}`. */
export function anthropicErrorDetailFromBody(body: unknown): ProviderErrorDetail | undefined {
	const parsed = anthropicErrorBodySchema.safeParse(body);
	return parsed.success ? detailFromErrorBody(parsed.data) : undefined;
}

/**
 * An `error` event inside a 200 stream (overloaded mid-answer, …). No HTTP status tells anything here, so an
 * unknown error type counts as a server failure.
 */
export function fusionErrorFromAnthropicStreamError(event: AnthropicErrorBody): FusionError {
	const detail = detailFromErrorBody(event);
	return new FusionError({
		kind: detail.kind ?? 'server',
		message: `the Anthropic stream reported ${event.error.type}: ${detail.message}`,
	});
}
