import { PassThrough } from 'node:stream';
import {
	BaseChatModel,
	type ChatModelConfig,
	type GenerateResult,
	type Message,
	type StreamChunk,
} from '@n8n/ai-node-sdk';
import {
	parseUnifiedRequest,
	runChat,
	type ChatCompletionOutput,
	type ChatSettings,
	type UnifiedChatRequest,
} from '../../engine';
import { InvalidRequestError } from '../../FusionChat/execute/invalid-request';
import { withoutUndefined } from '../../FusionChat/execute/build-unified-request';
import { closingChunksOf, fromChatCompletionOutput } from './from-chat-completion-output';
import { toUnifiedMessages } from './to-unified-messages';
import { toUnifiedTools } from './to-unified-tools';

/** What every call of one supplied model shares. */
export interface EngineCallSetup {
	/** The request without its messages and tools: the model spec and the node's model parameters. */
	template: Record<string, unknown>;
	settings: ChatSettings;
	/** Told of each complete answer (the node shows its attempts). */
	onAnswer?: (output: ChatCompletionOutput) => void;
	/** The error the agent reports for an engine failure. */
	toError?: (error: unknown) => Error;
}

/** LangChain's call options reach the model as its config; their cancel signal is `signal`. */
type CallConfig = ChatModelConfig & { signal?: AbortSignal };

/** Settings the agent passes per call, over the node's model parameters. */
function samplingFromConfig(config: CallConfig | undefined): Record<string, unknown> {
	if (config === undefined) return {};
	return withoutUndefined({
		max_tokens: config.maxTokens,
		temperature: config.temperature,
		top_p: config.topP,
		frequency_penalty: config.frequencyPenalty,
		presence_penalty: config.presencePenalty,
		stop: config.stopSequences,
		seed: config.seed,
	});
}

/**
 * A chat model for n8n's agents and chains, answered by Fusion's engine: every call is one unified request,
 * routed by the node's strategy with its retries and fallbacks.
 */
export class EngineChatModel extends BaseChatModel<CallConfig> {
	constructor(
		private readonly setup: EngineCallSetup,
		modelId: string,
	) {
		super('fusion', modelId);
	}

	async generate(messages: Message[], config?: CallConfig): Promise<GenerateResult> {
		const request = this.requestFor(messages, config);
		try {
			const output = await runChat(request, {
				...this.setup.settings,
				signal: this.signalFor(config),
			});
			this.setup.onAnswer?.(output);
			return fromChatCompletionOutput(output);
		} catch (error) {
			throw this.errorFor(error);
		}
	}

	/**
	 * Text and tool-call pieces come as the provider sends them. The engine's partial-answer rule holds: once
	 * text has reached the agent, a failure ends the call instead of asking another model, whose answer would
	 * follow the first's.
	 */
	async *stream(messages: Message[], config?: CallConfig): AsyncIterable<StreamChunk> {
		const request = this.requestFor(messages, config);
		// A caller that stops reading stops the call.
		const stopped = new AbortController();
		const chunks = new PassThrough({ objectMode: true });
		const streamedCallIds = new Set<string>();
		runChat(request, {
			...this.setup.settings,
			signal: this.signalFor(config, stopped.signal),
			onDelta: (delta) => chunks.write({ type: 'text-delta', delta } satisfies StreamChunk),
			// The id on every piece: the SDK's adapter gives every piece index 0, so only ids keep two calls apart.
			onToolCallDelta: (piece) => {
				streamedCallIds.add(piece.id);
				chunks.write({
					type: 'tool-call-delta',
					id: piece.id,
					name: piece.name,
					argumentsDelta: piece.argumentsDelta,
				} satisfies StreamChunk);
			},
		}).then(
			(output) => {
				this.setup.onAnswer?.(output);
				for (const chunk of closingChunksOf(output, streamedCallIds)) chunks.write(chunk);
				chunks.end();
			},
			(error: unknown) => chunks.destroy(this.errorFor(error)),
		);
		try {
			for await (const chunk of chunks) yield chunk as StreamChunk;
		} finally {
			stopped.abort();
		}
	}

	/** Throws the agent's error when the conversation or the tools cannot be sent: nothing goes upstream then. */
	private requestFor(messages: Message[], config: CallConfig | undefined): UnifiedChatRequest {
		try {
			const tools = toUnifiedTools(this.tools);
			const parsed = parseUnifiedRequest({
				...this.setup.template,
				...samplingFromConfig(config),
				messages: toUnifiedMessages(messages),
				...(tools.length > 0 && { tools }),
			});
			if (!parsed.ok) throw new InvalidRequestError(parsed.issues);
			return parsed.request;
		} catch (error) {
			throw this.errorFor(error);
		}
	}

	private signalFor(
		config: CallConfig | undefined,
		...more: AbortSignal[]
	): AbortSignal | undefined {
		const signals = [
			this.setup.settings.signal,
			config?.abortSignal,
			config?.signal,
			...more,
		].filter((signal): signal is AbortSignal => signal !== undefined);
		return signals.length === 0 ? undefined : AbortSignal.any(signals);
	}

	private errorFor(error: unknown): Error {
		if (this.setup.toError !== undefined) return this.setup.toError(error);
		return error instanceof Error ? error : new Error(String(error));
	}
}
