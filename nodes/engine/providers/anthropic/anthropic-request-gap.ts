import type { ModelCallRequest } from '../provider-adapter';
import { anthropicModelTraits } from './anthropic-model-traits';
import { toAnthropicOutput } from './to-anthropic-output';

/**
 * Why Anthropic cannot take the request at all: tools together with a response format that this model answers only
 * through a forced tool (json_object, a model without structured outputs, a schema they cannot express). The
 * forced tool would leave the model no choice but to answer, so the request's own tools could never be called.
 * toAnthropicRequest refuses the same requests, so one that skipped this screening still sends nothing.
 */
export function anthropicRequestGap(request: ModelCallRequest): string | undefined {
	if (request.tools === undefined) return undefined;
	const traits = anthropicModelTraits(request.model, request.capabilities);
	if (toAnthropicOutput(request.response_format, traits).tool === undefined) return undefined;
	return `Anthropic model ${request.model} gives this response_format only through a forced tool, which leaves no room for the request's tools; a json_schema answer on a model with structured outputs can be combined with tools`;
}
