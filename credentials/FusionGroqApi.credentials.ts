import { ProviderCredential } from './shared/provider-credential';

export class FusionGroqApi extends ProviderCredential {
	constructor() {
		super('groq');
	}
}
