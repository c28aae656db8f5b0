import type { ModelAnswer } from '../providers/provider-adapter';
import type { CallSettings } from './model-call';

/** Where a live client receives an answer as it is produced. */
export type AnswerSink = Pick<CallSettings, 'onDelta' | 'onToolCallDelta'>;

export function hasLiveClient(sink: AnswerSink): boolean {
	return sink.onDelta !== undefined || sink.onToolCallDelta !== undefined;
}

/** Hands a whole answer to a live client at once: its text, then each tool call in one piece. */
export function deliverWhole(
	answer: Pick<ModelAnswer, 'content' | 'toolCalls'>,
	sink: AnswerSink,
): void {
	if (answer.content !== '') sink.onDelta?.(answer.content);
	answer.toolCalls?.forEach((call, index) =>
		sink.onToolCallDelta?.({
			index,
			id: call.id,
			name: call.function.name,
			argumentsDelta: call.function.arguments,
		}),
	);
}
