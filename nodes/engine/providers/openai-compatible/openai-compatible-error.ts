import {
	errorKindFromHttpStatus,
	FusionError,
	looksLikeContextLengthError,
	type FusionErrorKind,
} from '../../errors/fusion-error';
import { parseJson } from '../parse-json';
import type { ProviderErrorDetail } from '../provider-adapter';
import {
	openAiErrorBodySchema,
	validationDetailSchema,
	type OpenAiErrorField,
	type ValidationDetail,
} from './openai-api-schemas';

/** "max_completion_tokens: Extra inputs are not permitted" from a pydantic detail list (the `body` prefix dropped). */
function describeValidationDetail(detail: ValidationDetail): string {
	if (typeof detail === 'string') return detail;
	return detail
		.map((item) => {
			const location = (item.loc ?? [])
				.filter((part, index) => !(index === 0 && part === 'body'))
				.join('.');
			return location === '' ? item.msg : `${location}: ${item.msg}`;
		})
		.join('; ');
}

/** Mistral once sent its validation detail JSON-encoded inside `message`; decoded, it reads like the others. */
function decodeEncodedDetail(message: string): string {
	if (!message.startsWith('{')) return message;
	const decoded = parseJson(message) as { detail?: unknown } | undefined;
	const detail = validationDetailSchema.safeParse(decoded?.detail);
	return detail.success ? describeValidationDetail(detail.data) : message;
}

/** The kind the body's code or type tells; undefined leaves it to the HTTP status. */
function kindFromErrorFields(
	message: string,
	code: string | number | undefined,
	type: string | undefined,
): FusionErrorKind | undefined {
	const names = [code, type].filter((name): name is string => typeof name === 'string');
	if (
		looksLikeContextLengthError(message) ||
		names.some((name) => looksLikeContextLengthError('', name))
	)
		return 'context_length';
	// A billing problem (OpenAI sends insufficient_quota as a 429, OpenRouter a 402): retrying cannot help, so
	// it must not look like a rate limit.
	if (names.includes('insufficient_quota') || code === 402) return 'auth';
	if (names.includes('invalid_api_key')) return 'auth';
	return undefined;
}

function detailFrom(
	message: string,
	code: string | number | null | undefined,
	type: string | null | undefined,
): ProviderErrorDetail {
	const kind = kindFromErrorFields(message, code ?? undefined, type ?? undefined);
	const name = code ?? type ?? undefined;
	return {
		message,
		...(name === undefined ? {} : { code: String(name) }),
		...(kind === undefined ? {} : { kind }),
	};
}

function detailFromErrorObject(error: OpenAiErrorField): ProviderErrorDetail {
	return typeof error === 'string'
		? detailFrom(error, undefined, undefined)
		: detailFrom(error.message, error.code, error.type);
}

/**
 * Reads an OpenAI-style error body: `{error: {message, type, code, param}}`, Mistral's `{object: "error", message,
 * type, code}` (whose message may be a validation detail) and `{detail}` 422 bodies. Undefined when the body says
 * nothing usable.
 */
export function openAiCompatibleErrorDetailFromBody(
	body: unknown,
): ProviderErrorDetail | undefined {
	const parsed = openAiErrorBodySchema.safeParse(body);
	if (!parsed.success) return undefined;
	const data = parsed.data;
	if ('error' in data) return detailFromErrorObject(data.error);
	if ('object' in data) {
		const message =
			typeof data.message === 'string'
				? decodeEncodedDetail(data.message)
				: describeValidationDetail(
						Array.isArray(data.message) ? data.message : data.message.detail,
					);
		return detailFrom(message, data.code, data.type);
	}
	if ('detail' in data) return { message: describeValidationDetail(data.detail) };
	return { message: data.message };
}

/**
 * An error reported after the 200 status: inside a stream (OpenRouter, Groq) or a 200 body (OpenRouter). No HTTP
 * status tells the kind, so a numeric code (OpenRouter's HTTP status) decides, else it counts as a server failure.
 */
export function fusionErrorFromInBandError(error: OpenAiErrorField): FusionError {
	const detail = detailFromErrorObject(error);
	const code = typeof error === 'string' ? undefined : error.code;
	const kind =
		detail.kind ??
		(typeof code === 'number' && code >= 400 && code < 600
			? errorKindFromHttpStatus(code)
			: 'server');
	return new FusionError({
		kind,
		message: `the provider reported an error after answering HTTP 200: ${detail.message}`,
	});
}
