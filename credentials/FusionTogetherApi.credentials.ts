import { ProviderCredential } from './shared/provider-credential';

export class FusionTogetherApi extends ProviderCredential {
	constructor() {
		super('together');
	}
}
