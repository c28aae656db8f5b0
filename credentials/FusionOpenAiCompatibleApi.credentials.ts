import { ProviderCredential } from './shared/provider-credential';

export class FusionOpenAiCompatibleApi extends ProviderCredential {
	constructor() {
		super('custom');
	}
}
