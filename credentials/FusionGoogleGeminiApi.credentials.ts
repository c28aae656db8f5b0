import { ProviderCredential } from './shared/provider-credential';

export class FusionGoogleGeminiApi extends ProviderCredential {
	constructor() {
		super('google');
	}
}
