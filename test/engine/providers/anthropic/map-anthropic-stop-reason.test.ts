import { mapAnthropicStopReason } from '../../../../nodes/engine/providers/anthropic/map-anthropic-stop-reason';

describe('mapAnthropicStopReason', () => {
	it.each([
		['end_turn', 'stop'],
		['stop_sequence', 'stop'],
		['pause_turn', 'stop'],
		['max_tokens', 'length'],
		['model_context_window_exceeded', 'length'],
		['tool_use', 'tool_calls'],
		['refusal', 'content_filter'],
		['a_reason_added_later', 'stop'],
		[null, 'stop'],
		[undefined, 'stop'],
	])('maps %s to %s', (reason, expected) => {
		expect(mapAnthropicStopReason(reason)).toBe(expected);
	});
});
