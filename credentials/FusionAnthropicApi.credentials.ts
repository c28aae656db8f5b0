import { ProviderCredential } from './shared/provider-credential';

export class FusionAnthropicApi extends ProviderCredential {
	constructor() {
		super('anthropic');
	}
}
