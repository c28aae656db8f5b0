import { ProviderCredential } from './shared/provider-credential';

export class FusionXaiApi extends ProviderCredential {
	constructor() {
		super('xai');
	}
}
