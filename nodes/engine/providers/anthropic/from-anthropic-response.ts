import { FusionError } from '../../errors/fusion-error';
import type { ModelAnswer } from '../provider-adapter';
import { anthropicMessagesResponseSchema, isAnthropicTextBlock } from './anthropic-api-schemas';
import { convertAnthropicUsage } from './convert-anthropic-usage';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';
import { describeSchemaIssues } from '../../errors/describe-schema-issues';

/** Validates a non-streamed Messages API body and translates it into the unified answer. */
export function fromAnthropicResponse(body: unknown): ModelAnswer {
	const parsed = anthropicMessagesResponseSchema.safeParse(body);
	if (!parsed.success) {
		throw new FusionError({
			kind: 'invalid_response',
			message: `the Anthropic response is not a Messages API answer (${describeSchemaIssues(parsed.error)})`,
		});
	}
	const response = parsed.data;
	return {
		id: response.id,
		upstreamModel: response.model,
		content: response.content
			.filter(isAnthropicTextBlock)
			.map((block) => block.text)
			.join(''),
		finishReason: mapAnthropicStopReason(response.stop_reason),
		usage: convertAnthropicUsage(response.usage),
	};
}
