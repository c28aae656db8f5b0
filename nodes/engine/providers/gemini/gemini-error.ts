import {
	errorKindFromHttpStatus,
	FusionError,
	looksLikeContextLengthError,
	type FusionErrorKind,
} from '../../errors/fusion-error';
import type { ProviderErrorDetail } from '../provider-adapter';
import { geminiErrorBodySchema, type GeminiErrorBody } from './gemini-api-schemas';

const KIND_BY_STATUS = new Map<string, FusionErrorKind>([
	['UNAUTHENTICATED', 'auth'],
	['PERMISSION_DENIED', 'auth'],
	['RESOURCE_EXHAUSTED', 'rate_limit'],
	['UNAVAILABLE', 'overloaded'],
	['INTERNAL', 'server'],
	['DEADLINE_EXCEEDED', 'timeout'],
	['NOT_FOUND', 'not_found'],
]);

function hasErrorInfoReason(
	details: readonly unknown[] | null | undefined,
	reason: string,
): boolean {
	return (details ?? []).some(
		(detail) =>
			detail !== null &&
			typeof detail === 'object' &&
			(detail as { reason?: unknown }).reason === reason,
	);
}

/** The kind a Gemini error means; undefined leaves the decision to the HTTP status. */
export function geminiErrorKind(error: GeminiErrorBody['error']): FusionErrorKind | undefined {
	const { status, message, details } = error;
	if (status === 'INVALID_ARGUMENT' || status === 'FAILED_PRECONDITION') {
		// A wrong or expired key is a 400 INVALID_ARGUMENT, told apart only by its ErrorInfo reason.
		if (hasErrorInfoReason(details, 'API_KEY_INVALID')) return 'auth';
		return looksLikeContextLengthError(message) ? 'context_length' : 'bad_request';
	}
	return status ? KIND_BY_STATUS.get(status) : undefined;
}

/**
 * Reads Google's `{error: {code, message, status, details}}`. The stream endpoint can wrap the error object in a
 * one-element array, so that form is read too.
 */
export function geminiErrorDetailFromBody(body: unknown): ProviderErrorDetail | undefined {
	const parsed = geminiErrorBodySchema.safeParse(
		Array.isArray(body) && body.length === 1 ? body[0] : body,
	);
	if (!parsed.success) return undefined;
	const { error } = parsed.data;
	const detail: ProviderErrorDetail = { message: error.message };
	if (error.status) detail.code = error.status;
	const kind = geminiErrorKind(error);
	if (kind !== undefined) detail.kind = kind;
	return detail;
}

/**
 * An error chunk inside a 200 stream. No HTTP status tells anything here, so the error's own `code` stands in for
 * it, and a bare unknown error counts as a server failure.
 */
export function fusionErrorFromGeminiStreamError(body: GeminiErrorBody): FusionError {
	const { error } = body;
	const fallbackKind = error.code ? errorKindFromHttpStatus(error.code) : 'server';
	return new FusionError({
		kind: geminiErrorKind(error) ?? fallbackKind,
		message: `the Gemini stream reported ${error.status ?? 'an error'}: ${error.message}`,
	});
}
