import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { providerCredentialSlots } from '../shared/provider-credentials';
import { providerCredentialTest } from '../shared/credential-test';
import { modelsProperties } from './description/models.description';
import { executeFusionModels } from './execute/item-loop';

export class FusionModels implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fusion Models',
		name: 'fusionModels',
		icon: { light: 'file:models.svg', dark: 'file:models.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["source"] === "live" ? "Live from providers" : "Bundled catalog" }}',
		description:
			'Lists LLMs with their capabilities, prices, context limits, quality scores and estimated latency',
		defaults: { name: 'Fusion Models' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Credentials matter only for the live source: the catalog is bundled and works offline.
		credentials: providerCredentialSlots({ source: ['live'] }),
		properties: modelsProperties,
	};

	methods = { credentialTest: providerCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeFusionModels.call(this);
	}
}
