import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionTogetherApi implements ICredentialType {
	name = 'fusionTogetherApi';

	displayName = 'Fusion: Together AI API';

	icon: Icon = 'file:icons/together.svg';

	documentationUrl = 'https://api.together.ai/settings/api-keys';

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
			default: 'https://api.together.xyz/v1',
			description:
				"Together AI's public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
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
