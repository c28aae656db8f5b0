import type { ProviderAdapter, ProviderConnection } from './provider-adapter';

/**
 * How a provider takes its key: in `authorization` as `Bearer <key>`, or alone in a header of the provider's
 * own (Anthropic's `x-api-key`, Gemini's `x-goog-api-key`, Azure's `api-key`). Header names are lower case.
 */
export interface ProviderAuth {
	keyHeader: string;
	/** Sent with every request, key or not: Anthropic's `anthropic-version`. */
	fixedHeaders?: Readonly<Record<string, string>>;
}

/** The OpenAI way, which most providers follow. */
export const BEARER_AUTH: ProviderAuth = { keyHeader: 'authorization' };

/** What n8n's credential form for the provider says; the form itself is built in credentials/. */
export interface CredentialTexts {
	/** Where a user makes a key, linked from the form. */
	documentationUrl: string;
	/** The icon's name in credentials/icons/: `<icon>.svg`, and `<icon>.dark.svg` for n8n's dark theme. */
	icon: string;
	/** The API Key field's hint, where the key needs explaining (an optional key, Azure's two keys). */
	apiKeyDescription?: string;
	/** "Base URL" unless the provider calls it otherwise (Azure's "Endpoint"). */
	baseUrlLabel?: string;
	/** By default "<provider>'s public API", with a word on proxies. */
	baseUrlDescription?: string;
	/** An example address, for a provider without a default one. */
	baseUrlPlaceholder?: string;
}

/**
 * Everything the package knows about one provider, in one place: the engine calls it through `adapter`, the
 * nodes list it, and its n8n credential type is built from it. `Id` keeps the literal id, from which the
 * registry derives `ProviderId`.
 */
export interface ProviderDefinitionFor<Id extends string> {
	id: Id;
	/** "OpenAI": the editor's option, the credential's title ("Fusion: OpenAI API") and the name in messages. */
	displayName: string;
	/** The n8n credential type, public and fixed: `fusionOpenAiApi`, whose class FusionOpenAiApi is in credentials/. */
	credentialType: string;
	/** Model-id prefixes (with the trailing slash) routed to this provider; more than one are the same provider. */
	modelPrefixes: readonly string[];
	/** Undefined where the user must give one (Azure resource, custom server). */
	defaultBaseUrl?: string;
	apiKeyRequired: boolean;
	auth: ProviderAuth;
	/** For APIs versioned by an `api-version` query parameter (Azure): the version sent when the credential names none. */
	defaultApiVersion?: string;
	credential: CredentialTexts;
	adapter: ProviderAdapter;
}

/** Declares a provider, keeping its id's literal type. */
export function defineProvider<Id extends string>(
	definition: ProviderDefinitionFor<Id>,
): ProviderDefinitionFor<Id> {
	return definition;
}

/** The key and fixed headers for a request; without a key (blank counts as none) no key header, so the provider says what is missing. */
export function authHeaders(
	auth: ProviderAuth,
	connection: ProviderConnection,
): Record<string, string> {
	const key = connection.apiKey?.trim();
	const keyHeader: Record<string, string> =
		key === undefined || key === ''
			? {}
			: { [auth.keyHeader]: auth.keyHeader === 'authorization' ? `Bearer ${key}` : key };
	return { ...keyHeader, ...auth.fixedHeaders };
}
