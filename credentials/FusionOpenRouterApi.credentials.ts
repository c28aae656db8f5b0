import { ProviderCredential } from './shared/provider-credential';

export class FusionOpenRouterApi extends ProviderCredential {
	constructor() {
		super('openrouter');
	}
}
