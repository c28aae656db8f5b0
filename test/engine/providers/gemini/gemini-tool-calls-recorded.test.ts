import { readFileSync } from 'fs';
import { join } from 'path';
import { fromGeminiResponse } from '../../../../nodes/engine/providers/gemini/from-gemini-response';
import { createGeminiStreamAssembler } from '../../../../nodes/engine/providers/gemini/gemini-stream-assembler';
import {
	geminiCallOfToolCallId,
	toolCallIdOfGeminiCall,
} from '../../../../nodes/engine/providers/gemini/gemini-tool-call-id';
import { toGeminiContents } from '../../../../nodes/engine/providers/gemini/to-gemini-contents';
import type { ModelAnswer } from '../../../../nodes/engine/providers/provider-adapter';

const recorded = (file: string) =>
	readFileSync(join(__dirname, '../../../fixtures/recorded', file), 'utf8');

const RECORDED_SIGNATURE = /"thoughtSignature":"([^"]+)"/;

/** The second turn as a caller sends it: the answer's calls, then a result for each. */
function nextTurn(answer: ModelAnswer) {
	return toGeminiContents(
		[
			{ role: 'user', content: 'Weather in San Francisco?' },
			{ role: 'assistant', content: null, tool_calls: answer.toolCalls },
			...(answer.toolCalls ?? []).map((call) => ({
				role: 'tool' as const,
				tool_call_id: call.id,
				content: '18°C',
			})),
		],
		'gemini-3-pro-preview',
		[],
	).contents;
}

describe('Gemini function calls, replayed from recordings', () => {
	it('a functionCall part becomes a tool call with a generated id, args as JSON text, finish_reason tool_calls', () => {
		const answer = fromGeminiResponse(JSON.parse(recorded('google-tool-call.json')));
		expect(answer.toolCalls).toHaveLength(1);
		expect(answer.toolCalls?.[0]).toMatchObject({
			type: 'function',
			function: { name: 'weather', arguments: '{"location":"San Francisco"}' },
		});
		expect(answer.toolCalls?.[0].id).toMatch(/^call_[a-f0-9]{24}__thought__[A-Za-z0-9_-]+$/);
		expect(answer.content).toBe('');
		expect(answer.finishReason).toBe('tool_calls');
	});

	it('the next turn gives the call back with the signature Gemini gave it, and the result under its name', () => {
		const answer = fromGeminiResponse(JSON.parse(recorded('google-tool-call.json')));
		const signature = RECORDED_SIGNATURE.exec(
			recorded('google-tool-call.json').replace(/": "/g, '":"'),
		)?.[1];
		expect(signature).toMatch(/^EskgCsYgAb4/);
		const { callId } = geminiCallOfToolCallId(answer.toolCalls?.[0].id ?? '');
		expect(nextTurn(answer).slice(1)).toStrictEqual([
			{
				role: 'model',
				parts: [
					{
						functionCall: { id: callId, name: 'weather', args: { location: 'San Francisco' } },
						thoughtSignature: signature,
					},
				],
			},
			{
				role: 'user',
				parts: [
					{ functionResponse: { id: callId, name: 'weather', response: { result: '18°C' } } },
				],
			},
		]);
	});

	it('streamed: the whole call arrives in one chunk, the finish reason in an empty last one', () => {
		const assembler = createGeminiStreamAssembler();
		const lines = recorded('google-tool-call.chunks.txt').split('\n').filter(Boolean);
		const added = lines.map((data) => assembler.push({ data }));
		expect(added).toEqual(['', '']);
		const answer = assembler.finish();
		expect(answer.finishReason).toBe('tool_calls');
		expect(answer.toolCalls?.map((call) => call.function)).toStrictEqual([
			{ name: 'weather', arguments: '{"location":"San Francisco"}' },
		]);
		expect(geminiCallOfToolCallId(answer.toolCalls?.[0].id ?? '').thoughtSignature).toBe(
			RECORDED_SIGNATURE.exec(lines[0])?.[1],
		);
		expect(answer.usage?.completion_tokens).toBe(15 + 45);
	});

	it("keeps Gemini's own call id and any signature text through the tool call id", () => {
		const id = toolCallIdOfGeminiCall('fc-7', 'skip_thought_signature_validator');
		expect(id).toMatch(/^fc-7__thought__[A-Za-z0-9_-]+$/);
		expect(geminiCallOfToolCallId(id)).toStrictEqual({
			callId: 'fc-7',
			thoughtSignature: 'skip_thought_signature_validator',
		});
		expect(toolCallIdOfGeminiCall('fc-8', undefined)).toBe('fc-8');
		expect(geminiCallOfToolCallId('call_abc')).toStrictEqual({ callId: 'call_abc' });
	});
});
