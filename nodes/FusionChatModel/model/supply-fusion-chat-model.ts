import { supplyModel } from '@n8n/ai-node-sdk';
import type { ISupplyDataFunctions, SupplyData } from 'n8n-workflow';
import { parseUnifiedRequest, type ChatCompletionOutput } from '../../engine';
import {
	modelSpecFromFields,
	samplingFromFields,
	withoutUndefined,
} from '../../FusionChat/execute/build-unified-request';
import { InvalidRequestError } from '../../FusionChat/execute/invalid-request';
import { toNodeError } from '../../FusionChat/execute/item-loop';
import { summarizeAttempts } from '../../FusionChat/execute/simplify-output';
import { chatSettingsFrom, type ChatOptions } from '../../shared/chat-settings';
import type { ReadParameter } from '../../shared/item-parameters';
import { EngineChatModel } from './engine-chat-model';

/** What the editor and tracing call the model: the first model asked, or the strategy's name. */
function modelIdOf(spec: unknown): string {
	if (typeof spec === 'string') return spec;
	if (Array.isArray(spec)) return String(spec[0]);
	const { strategy } = spec as { strategy: string };
	return `fusion/${strategy}`;
}

/**
 * A call that needed more than one attempt (a retry, a fallback) is told on the model's run in the editor:
 * the agent's run shows only the answer. The SDK keeps the rest of `fusion` on the agent's message.
 */
function hintAttempts(context: ISupplyDataFunctions, output: ChatCompletionOutput): void {
	const { attempts, strategy, cached, cost_usd } = output.fusion;
	if (attempts.length < 2) return;
	// Fixed-point: a call's cost is often below what toString() writes without an exponent.
	const cost = cost_usd === null ? '' : ` · $${cost_usd.toFixed(8).replace(/\.?0+$/, '')}`;
	context.addExecutionHints({
		message: `Fusion attempts: ${summarizeAttempts(attempts, strategy, cached)}${cost}`,
		type: 'info',
	});
}

/**
 * Fusion Chat Model's supplyData: its parameters as a request template, checked now so that a broken model
 * field is the node's error before the agent runs, and the model that answers each of the agent's calls.
 */
export function supplyFusionChatModel(
	context: ISupplyDataFunctions,
	itemIndex: number,
): SupplyData {
	const read: ReadParameter = (name, fallback) =>
		context.getNodeParameter(name, itemIndex, fallback);
	const template = withoutUndefined({
		model: modelSpecFromFields(read),
		...samplingFromFields(read),
	});
	const checked = parseUnifiedRequest({ ...template, messages: [{ role: 'user', content: '.' }] });
	if (!checked.ok) throw toNodeError(context, new InvalidRequestError(checked.issues), itemIndex);

	const options = context.getNodeParameter('options', itemIndex, {}) as ChatOptions;
	const model = new EngineChatModel(
		{
			template,
			settings: chatSettingsFrom(options, context),
			onAnswer: (output) => hintAttempts(context, output),
			toError: (error) => toNodeError(context, error, itemIndex),
		},
		modelIdOf(template.model),
	);
	return supplyModel(context, model);
}
