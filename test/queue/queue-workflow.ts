import { randomUUID } from 'node:crypto';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { CUSTOM_NODE_PREFIX } from '../n8n/fusion-package';
import {
	fusionChat,
	jsonModeParameters,
	linearWorkflow,
	type NodeSpec,
	type WorkflowToImport,
} from '../n8n/workflow-builder';

/** The credential type and slot of the OpenAI provider, which the mock provider speaks at `<url>/v1`. */
export const OPENAI_CREDENTIAL_TYPE = 'fusionOpenAiApi';

/**
 * `Webhook → Split Out → Fusion Chat → Set`: the webhook's body carries `requests`, one Fusion Chat request per
 * item, and answers with every output item once the execution ends, each tagged with the execution's id so the
 * test can tell which worker ran it.
 */
export function queueWorkflow(
	path: string,
	credentialId: string,
	options: INodeParameters,
): WorkflowToImport {
	const webhook: NodeSpec & { webhookId: string } = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: {
			httpMethod: 'POST',
			path,
			responseMode: 'lastNode',
			responseData: 'allEntries',
			options: {},
		},
	};
	const splitOut: NodeSpec = {
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'body.requests', include: 'noOtherFields', options: {} },
	};
	const tagExecution: NodeSpec = {
		name: 'Execution',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		parameters: {
			includeOtherFields: true,
			assignments: {
				assignments: [
					{
						id: 'execution-id',
						name: 'executionId',
						type: 'string',
						value: '={{ $execution.id }}',
					},
				],
			},
			options: {},
		},
	};
	return linearWorkflow(`queue-${path}`, `Fusion queue: ${path}`, [
		webhook,
		splitOut,
		fusionChat({
			nodeTypePrefix: CUSTOM_NODE_PREFIX,
			parameters: jsonModeParameters(['openai'], options),
			credentials: { [OPENAI_CREDENTIAL_TYPE]: { id: credentialId, name: path } },
			continueOnFail: true,
		}),
		tagExecution,
	]);
}

/** One Fusion Chat request per item: Split Out hands Fusion Chat each `{ request }`. */
export const asItems = (requests: IDataObject[]): IDataObject[] =>
	requests.map((request) => ({ request }));
