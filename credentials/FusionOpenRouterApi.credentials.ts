import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionOpenRouterApi implements ICredentialType {
	name = 'fusionOpenRouterApi';

	displayName = 'Fusion: OpenRouter API';

	icon: Icon = 'file:icons/openrouter.svg';

	documentationUrl = 'https://openrouter.ai/settings/keys';

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
			default: 'https://openrouter.ai/api/v1',
			description:
				"OpenRouter's public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};
}
