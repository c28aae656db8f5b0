import type { ToolCall } from '../../request/unified-request';
import type { ToolCallDelta } from '../provider-adapter';
import type { OpenAiToolCallDelta } from './openai-api-schemas';
import { generatedToolCallId } from './openai-tool-calls';

interface CallInProgress {
	id: string;
	name: string;
	arguments: string;
}

export interface ToolCallPieces {
	/** Adds one chunk's `delta.tool_calls`. */
	add(pieces: readonly OpenAiToolCallDelta[]): void;
	/** The pieces added since the last take, each with its call's id and name. */
	take(): ToolCallDelta[];
	/** The calls assembled so far, in index order. */
	calls(): ToolCall[];
}

/**
 * Joins OpenAI's streamed tool-call pieces by index: the first piece of a call names its id and function, the
 * rest carry more of the arguments' text. A call that comes without an id gets one on its first piece, so that
 * the live pieces and the assembled answer name it alike.
 */
export function collectToolCallPieces(): ToolCallPieces {
	const byIndex = new Map<number, CallInProgress>();
	let pending: ToolCallDelta[] = [];
	return {
		add(pieces) {
			pieces.forEach((piece, position) => {
				const index = piece.index ?? position;
				let call = byIndex.get(index);
				if (call === undefined) {
					call = { id: piece.id ?? generatedToolCallId(), name: '', arguments: '' };
					byIndex.set(index, call);
				}
				call.name ||= piece.function?.name ?? '';
				const argumentsDelta = piece.function?.arguments ?? '';
				call.arguments += argumentsDelta;
				pending.push({ index, id: call.id, name: call.name, argumentsDelta });
			});
		},
		take() {
			const taken = pending;
			pending = [];
			return taken;
		},
		calls() {
			return [...byIndex.entries()]
				.sort(([a], [b]) => a - b)
				.map(([, call]) => ({
					id: call.id,
					type: 'function',
					function: { name: call.name, arguments: call.arguments === '' ? '{}' : call.arguments },
				}));
		},
	};
}
