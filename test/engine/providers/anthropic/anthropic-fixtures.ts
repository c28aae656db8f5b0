import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnthropicStreamAssembler } from '../../../../nodes/engine/providers/anthropic/anthropic-stream-assembler';

/** The Anthropic recordings beyond the plain text ones (see test/fixtures/recorded/README.md). */
export type AnthropicRecording =
	| 'thinking'
	| 'adaptive-thinking'
	| 'json-output-format'
	| 'json-tool'
	| 'refusal'
	| 'tool-call'
	| 'tool-no-args';

const directory = join(__dirname, '../../../fixtures/recorded');

export function anthropicRecordedResponse(name: AnthropicRecording): unknown {
	return JSON.parse(readFileSync(join(directory, `anthropic-${name}.json`), 'utf8'));
}

/** The `data:` payloads of the recorded stream, in order. */
export function anthropicRecordedChunks(name: AnthropicRecording): string[] {
	return readFileSync(join(directory, `anthropic-${name}.chunks.txt`), 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '');
}

/** The recorded stream fed through the stream assembler: the text each event added, and the answer. */
export function anthropicStreamedRecording(name: AnthropicRecording) {
	const assembler = createAnthropicStreamAssembler();
	const added = anthropicRecordedChunks(name).map((data) => assembler.push({ data }));
	return { added, answer: assembler.finish() };
}
