import { ProviderCredential } from './shared/provider-credential';

export class FusionMistralApi extends ProviderCredential {
	constructor() {
		super('mistral');
	}
}
