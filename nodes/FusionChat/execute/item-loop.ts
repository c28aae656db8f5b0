import {
	NodeApiError,
	NodeOperationError,
	type ChunkType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import {
	AllModelsFailedError,
	FusionError,
	mapWithConcurrency,
	PartialAnswerError,
	runChat,
	BudgetExceededError,
	type ChatCompletionOutput,
} from '../../engine';
import { binaryFieldNamesFrom, withBinaryFiles } from './attach-binary-files';
import { buildUnifiedRequest } from './build-unified-request';
import { InvalidRequestError } from './invalid-request';
import { prepareAhead } from './prepare-ahead';
import { toParsedOnlyOutput } from './parsed-output';
import { summarizeAttempts, toSimplifiedOutput } from './simplify-output';
import { chatSettingsFrom, type ChatOptions } from '../../shared/chat-settings';
import { ItemParameters, type ReadParameter } from '../../shared/item-parameters';

type ItemOutcome = { ok: true; json: IDataObject } | { ok: false; error: unknown };

/** One item's request, validated, and the binary fields whose files are read into it before it is sent. */
function prepareRequest(read: ReadParameter) {
	return { request: buildUnifiedRequest(read), binaryFields: binaryFieldNamesFrom(read) };
}

/** An engine failure as the n8n error a node throws: upstream failures name their attempts, bad input its field. */
export function toNodeError(
	context: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	itemIndex: number,
): Error {
	const node = context.getNode();
	if (error instanceof AllModelsFailedError) {
		const lastStatus = [...error.attempts]
			.reverse()
			.find((attempt) => attempt.error?.http_status !== undefined)?.error?.http_status;
		return new NodeApiError(
			node,
			{ message: error.message, attempts: error.attempts } as unknown as JsonObject,
			{
				itemIndex,
				message: error.summary,
				description: error.message,
				httpCode: lastStatus === undefined ? undefined : String(lastStatus),
			},
		);
	}
	if (error instanceof PartialAnswerError) {
		return new NodeApiError(
			node,
			{ message: error.message, partial_content: error.partialContent } as unknown as JsonObject,
			{
				itemIndex,
				message: error.message,
				description: `Text sent before the stream broke:\n${error.partialContent}`,
			},
		);
	}
	if (error instanceof BudgetExceededError) {
		return new NodeOperationError(
			node,
			`${error.message}; raise Options → Budget (USD) or choose "Use Cheapest Model" when it runs out`,
			{ itemIndex },
		);
	}
	if (error instanceof InvalidRequestError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: 'Nothing was sent to any provider for this item. Change the field named above.',
		});
	}
	if (error instanceof FusionError)
		return new NodeOperationError(node, error.message, { itemIndex });
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

function errorItem(error: unknown, itemIndex: number, simplify: boolean): INodeExecutionData {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	if (error instanceof PartialAnswerError) {
		json.partial = true;
		json.partial_content = error.partialContent;
	}
	if (error instanceof AllModelsFailedError || error instanceof PartialAnswerError) {
		if (simplify) json.attempts = summarizeAttempts(error.attempts, '', false);
		else json.fusion = { attempts: error.attempts as unknown as IDataObject[] };
	}
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Owns the item loop for Fusion Chat: every item becomes one unified request, up to `concurrency` of them in
 * flight, and the output keeps the input's order. A failing item fails the node, or with "continue on fail"
 * becomes an `{error}` item while the others carry on. The options are the execution's, read once; of the
 * request's parameters only those holding an expression are read per item, and a request without any is
 * built and validated once for every item. Requests are built ahead, while earlier items wait on their
 * providers.
 */
export async function executeFusionChat(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as ChatOptions;
	const settings = chatSettingsFrom(options, this);

	// A chat trigger or a streaming webhook shows tokens as they arrive. Items go one at a time then, so that
	// their texts do not interleave in the one response the client reads.
	const streaming = typeof this.isStreaming === 'function' && this.isStreaming();
	const concurrency = streaming ? 1 : (options.concurrency ?? 8);
	const requestFor = prepareAhead(items.length, new ItemParameters(this).perItem(prepareRequest));
	// Node version 1 had no such parameter and always gave the full response.
	const simplify =
		this.getNode().typeVersion >= 2 && this.getNodeParameter('simplify', 0, true) === true;
	// The option is offered only with a JSON response format; n8n may keep its value once that is set back.
	const parsedOnly =
		options.outputParsedOnly === true &&
		this.getNodeParameter('inputMode', 0, 'fields') === 'fields' &&
		this.getNodeParameter('responseFormat', 0, 'text') !== 'text';
	const toJson = (output: ChatCompletionOutput): IDataObject => {
		const response = simplify ? toSimplifiedOutput(output) : (output as unknown as IDataObject);
		return parsedOnly ? toParsedOnlyOutput(output, response) : response;
	};
	// n8n's sendChunk is asynchronous behind a void signature; a client that went away must not fail the item.
	const send = (type: ChunkType, itemIndex: number, content?: string) => {
		void Promise.resolve(this.sendChunk(type, itemIndex, content)).catch(() => undefined);
	};
	const outcomes = await mapWithConcurrency(
		items,
		concurrency,
		async (_item, itemIndex): Promise<ItemOutcome> => {
			if (streaming) send('begin', itemIndex);
			try {
				const { request, binaryFields } = requestFor(itemIndex);
				const sent =
					binaryFields.length === 0
						? request
						: await withBinaryFiles(this, itemIndex, request, binaryFields);
				const itemSettings = streaming
					? { ...settings, onDelta: (text: string) => send('item', itemIndex, text) }
					: settings;
				return { ok: true, json: toJson(await runChat(sent, itemSettings)) };
			} catch (error) {
				if (streaming)
					send('error', itemIndex, error instanceof Error ? error.message : String(error));
				return { ok: false, error };
			} finally {
				if (streaming) send('end', itemIndex);
			}
		},
	);

	const continueOnFail = this.continueOnFail();
	const output = outcomes.map((outcome, itemIndex): INodeExecutionData => {
		if (outcome.ok) return { json: outcome.json, pairedItem: { item: itemIndex } };
		if (continueOnFail) return errorItem(outcome.error, itemIndex, simplify);
		throw toNodeError(this, outcome.error, itemIndex);
	});
	return [output];
}
