import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { INodeType, ISupplyDataFunctions, SupplyData } from 'n8n-workflow';
import { searchModels } from '../FusionChat/methods/search-models';
import { providerCredentialTest } from '../shared/credential-test';
import { providerCredentials } from '../shared/provider-credentials';
import { chatModelProperties } from './description/chat-model.description';

/** A sub-node: no main input; the agent or chain above it takes its one output, the model. */
export class FusionChatModel implements INodeType {
	methods = { listSearch: { searchModels }, credentialTest: providerCredentialTest };

	description: INodeType['description'] = {
		name: 'fusionChatModel',
		displayName: 'Fusion Chat Model',
		defaults: { name: 'Fusion Chat Model' },
		description:
			"Any provider's models for an AI Agent or chain, with fallback, strategies, retries and cost",
		icon: { light: 'file:../FusionChat/fusion.svg', dark: 'file:../FusionChat/fusion.dark.svg' },
		subtitle:
			'={{ $parameter["strategy"] === "fallback" ? $parameter["model"].value : $parameter["strategy"].replace("_", " ") }}',
		group: ['transform'],
		version: 1,
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: providerCredentials,
		properties: chatModelProperties,
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		// Loaded here, not at the top: n8n before its AI node SDK (2.16) has no @n8n/ai-node-sdk, and the
		// package's other nodes must still load there.
		const loaded = await import('./model/supply-fusion-chat-model').catch((error: unknown) => {
			throw new NodeOperationError(
				this.getNode(),
				'Fusion Chat Model needs n8n 2.16 or later: it builds on the AI node SDK (@n8n/ai-node-sdk) that n8n ships from then on. Fusion Chat works on this n8n.',
				{ description: error instanceof Error ? error.message : String(error) },
			);
		});
		return loaded.supplyFusionChatModel(this, itemIndex);
	}
}
