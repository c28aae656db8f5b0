import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionAnthropicApi implements ICredentialType {
	name = 'fusionAnthropicApi';

	displayName = 'Fusion: Anthropic API';

	icon: Icon = 'file:icons/anthropic.svg';

	documentationUrl = 'https://console.anthropic.com/settings/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: 'https://api.anthropic.com',
			description:
				"Anthropic's public API, without /v1. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
		},
	];

	// Anthropic authenticates with its own header and requires the API version on every request.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				'anthropic-version': '2023-06-01',
			},
		},
	};
}
