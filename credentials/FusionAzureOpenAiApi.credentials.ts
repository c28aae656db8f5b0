import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionAzureOpenAiApi implements ICredentialType {
	name = 'fusionAzureOpenAiApi';

	displayName = 'Fusion: Azure OpenAI API';

	icon: Icon = 'file:icons/azure-openai.svg';

	documentationUrl = 'https://learn.microsoft.com/en-us/azure/ai-services/openai/reference';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'KEY 1 or KEY 2 from the resource\'s "Keys and Endpoint" page in the Azure portal',
		},
		{
			displayName: 'Endpoint',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://my-resource.openai.azure.com',
			description:
				'The endpoint of your Azure OpenAI resource, without /openai. It can also be a proxy or a gateway in front of it.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			required: true,
			default: '2024-10-21',
			description: 'The Azure OpenAI API version, sent as api-version on every request',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'api-key': '={{$credentials.apiKey}}',
			},
		},
	};
}
