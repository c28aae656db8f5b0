import { ProviderCredential } from './shared/provider-credential';

export class FusionOpenAiApi extends ProviderCredential {
	constructor() {
		super('openai');
	}
}
