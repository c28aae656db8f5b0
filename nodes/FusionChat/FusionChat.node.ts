import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { chatProperties } from './description/chat.description';
import { providerCredentials } from '../shared/provider-credentials';
import { providerCredentialTest } from '../shared/credential-test';
import { executeFusionChat } from './execute/item-loop';
import { searchModels } from './methods/search-models';

export class FusionChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fusion Chat',
		name: 'fusionChat',
		icon: { light: 'file:fusion.svg', dark: 'file:fusion.dark.svg' },
		group: ['transform'],
		// Version 2: "Simplify Output", on for new nodes. Version 1 nodes keep giving the full response.
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ $parameter["inputMode"] === "json" ? "JSON request" : $parameter["strategy"] === "fallback" ? $parameter["model"].value : $parameter["strategy"].replace("_", " ") }}',
		description:
			'One OpenAI-style chat request per item, sent to any LLM provider, with fallback across models',
		defaults: { name: 'Fusion Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: providerCredentials,
		properties: chatProperties,
	};

	methods = { listSearch: { searchModels }, credentialTest: providerCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeFusionChat.call(this);
	}
}
