import { ProviderCredential } from './shared/provider-credential';

export class FusionAzureOpenAiApi extends ProviderCredential {
	constructor() {
		super('azure');
	}
}
