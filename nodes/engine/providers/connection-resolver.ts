import type { ProviderConnection, ProviderDefinition } from './provider-adapter';

/** Gives the engine a provider's connection; throws a FusionError('auth') that says which credential is missing. */
export type ConnectionResolver = (provider: ProviderDefinition) => Promise<ProviderConnection>;
