import { mapOpenAiFinishReason } from '../../../../nodes/engine/providers/openai-compatible/map-openai-finish-reason';

describe('mapOpenAiFinishReason', () => {
	it.each(['stop', 'length', 'content_filter', 'tool_calls'] as const)(
		'passes %s through',
		(reason) => {
			expect(mapOpenAiFinishReason(reason)).toBe(reason);
		},
	);

	it('reads the legacy function_call as tool_calls', () => {
		expect(mapOpenAiFinishReason('function_call')).toBe('tool_calls');
	});

	it("reads Mistral's model_length as length", () => {
		expect(mapOpenAiFinishReason('model_length')).toBe('length');
	});

	it.each([null, undefined, 'error', 'eos', ''])('reads %p as stop', (reason) => {
		expect(mapOpenAiFinishReason(reason)).toBe('stop');
	});
});
