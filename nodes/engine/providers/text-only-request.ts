import { FusionError } from '../errors/fusion-error';
import type { ModelCallRequest } from './provider-adapter';

/** The first thing in the request that an adapter translating text only would have to drop. */
function firstNonTextFeature(request: ModelCallRequest): string | undefined {
	for (const message of request.messages) {
		if (message.role === 'tool') return 'tool messages';
		if (message.role === 'assistant' && message.tool_calls !== undefined) return 'tool calls';
		if (typeof message.content !== 'string' && message.content !== null) {
			for (const part of message.content ?? []) {
				if (part.type === 'image_url') return 'image parts';
				if (part.type === 'file') return 'file parts';
			}
		}
	}
	if (request.response_format !== undefined && request.response_format.type !== 'text') {
		return `response_format ${request.response_format.type}`;
	}
	if (request.reasoning_effort !== undefined) return 'reasoning_effort';
	return undefined;
}

/**
 * Refuses, as the request's own fault, what an adapter cannot translate yet, rather than sending the request
 * without it: an answer that silently ignored an image or a schema would look right and be wrong.
 */
export function assertTextOnlyRequest(request: ModelCallRequest, adapterName: string): void {
	const feature = firstNonTextFeature(request);
	if (feature !== undefined) {
		throw new FusionError({
			kind: 'bad_request',
			message: `${adapterName} adapter cannot send ${feature} yet`,
		});
	}
}
