import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionXaiApi implements ICredentialType {
	name = 'fusionXaiApi';

	displayName = 'Fusion: xAI API';

	icon: Icon = 'file:icons/xai.svg';

	documentationUrl = 'https://console.x.ai';

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
			default: 'https://api.x.ai/v1',
			description:
				"xAI's public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
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
