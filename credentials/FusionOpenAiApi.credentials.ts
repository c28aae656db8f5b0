import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class FusionOpenAiApi implements ICredentialType {
	name = 'fusionOpenAiApi';

	displayName = 'Fusion: OpenAI API';

	icon: Icon = 'file:icons/openai.svg';

	documentationUrl = 'https://platform.openai.com/api-keys';

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
			default: 'https://api.openai.com/v1',
			description:
				"OpenAI's public API. Change it to send requests through a proxy, a gateway or a self-hosted server that speaks the same API.",
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
