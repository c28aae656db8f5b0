import type { ModelCallRequest } from '../../../nodes/engine/providers/provider-adapter';

/** The smallest ModelCallRequest a provider takes: one user "Hello", not streamed; `overrides` replace whole fields. */
export function modelCallRequest(
	model: string,
	overrides: Partial<ModelCallRequest> = {},
): ModelCallRequest {
	return {
		model,
		messages: [{ role: 'user', content: 'Hello' }],
		stream: false,
		...overrides,
	};
}
