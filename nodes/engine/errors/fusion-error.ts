/**
 * The small vocabulary every upstream failure is mapped to, whatever the provider said. Strategies decide on
 * the kind (retry, fail over, stop); the provider's own message is kept for the user.
 */
export type FusionErrorKind =
	| 'auth'
	| 'rate_limit'
	| 'overloaded'
	| 'server'
	| 'context_length'
	| 'bad_request'
	| 'not_found'
	| 'timeout'
	| 'network'
	| 'cancelled'
	| 'invalid_response'
	/** The provider refused, or its safety filter stopped the answer: about the request, not the model's health. */
	| 'content_filter';

export interface FusionErrorOptions {
	kind: FusionErrorKind;
	message: string;
	httpStatus?: number;
	retryAfterMs?: number;
	cause?: unknown;
}

export class FusionError extends Error {
	readonly kind: FusionErrorKind;
	readonly httpStatus?: number;
	readonly retryAfterMs?: number;

	constructor(options: FusionErrorOptions) {
		super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
		this.name = 'FusionError';
		this.kind = options.kind;
		this.httpStatus = options.httpStatus;
		this.retryAfterMs = options.retryAfterMs;
	}
}

/** The execution was cancelled, or a strategy stopped the call: nothing to fail over from. */
export function isCancellation(error: unknown): boolean {
	return error instanceof FusionError && error.kind === 'cancelled';
}

/** The kind an HTTP status means when the provider's body says nothing more precise. */
export function errorKindFromHttpStatus(status: number): FusionErrorKind {
	// 402 is a billing failure: like a bad key, retrying cannot help and another provider may work.
	if (status === 401 || status === 402 || status === 403) return 'auth';
	if (status === 404) return 'not_found';
	if (status === 408) return 'timeout';
	if (status === 413) return 'context_length';
	if (status === 429) return 'rate_limit';
	if (status === 503 || status === 529) return 'overloaded';
	if (status >= 500) return 'server';
	return 'bad_request';
}

const CONTEXT_LENGTH_PATTERNS = [
	/context[_ ]length/i,
	/context window/i,
	// Anthropic: "input length and `max_tokens` exceed context limit".
	/context limit/i,
	/prompt is too long/i,
	/maximum context/i,
	/too many tokens/i,
	/exceeds the maximum number of tokens/i,
	/input is too long/i,
];

/** Providers signal an over-long prompt as a plain 400; only the message tells it apart. */
export function looksLikeContextLengthError(message: string, code?: string): boolean {
	if (code !== undefined && /context_length/i.test(code)) return true;
	return CONTEXT_LENGTH_PATTERNS.some((pattern) => pattern.test(message));
}
