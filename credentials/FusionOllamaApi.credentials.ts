import { ProviderCredential } from './shared/provider-credential';

export class FusionOllamaApi extends ProviderCredential {
	constructor() {
		super('ollama');
	}
}
