import { ProviderCredential } from './shared/provider-credential';

export class FusionDeepSeekApi extends ProviderCredential {
	constructor() {
		super('deepseek');
	}
}
