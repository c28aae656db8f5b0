import { mapGeminiFinishReason } from '../../../../nodes/engine/providers/gemini/map-gemini-finish-reason';

describe('mapGeminiFinishReason', () => {
	it.each([
		['STOP', 'stop'],
		['MAX_TOKENS', 'length'],
		['SAFETY', 'content_filter'],
		['RECITATION', 'content_filter'],
		['BLOCKLIST', 'content_filter'],
		['PROHIBITED_CONTENT', 'content_filter'],
		['SPII', 'content_filter'],
		['IMAGE_SAFETY', 'content_filter'],
		['IMAGE_PROHIBITED_CONTENT', 'content_filter'],
		['IMAGE_RECITATION', 'content_filter'],
		['MALFORMED_FUNCTION_CALL', 'stop'],
		['OTHER', 'stop'],
		['LANGUAGE', 'stop'],
		['SOMETHING_NEW', 'stop'],
	])('maps %s to %s', (reason, expected) => {
		expect(mapGeminiFinishReason(reason)).toBe(expected);
	});

	it('maps a missing reason to stop', () => {
		expect(mapGeminiFinishReason(undefined)).toBe('stop');
		expect(mapGeminiFinishReason(null)).toBe('stop');
	});
});
