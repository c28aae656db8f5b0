import type { ProviderConnection } from './provider-adapter';
import type { ProviderDefinition } from './provider-registry';

/** Gives the engine a provider's connection; throws a FusionError('auth') that says which credential is missing. */
export type ConnectionResolver = (provider: ProviderDefinition) => Promise<ProviderConnection>;
