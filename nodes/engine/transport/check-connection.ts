import { FusionError } from '../errors/fusion-error';
import { assertSafeBaseUrl } from './base-url-guard';

/** What an API key is made of, and all an HTTP header can carry: printable ASCII, no space. */
const KEY_CHARACTER = /[\x21-\x7e]/;

const CHARACTER_NAMES: Readonly<Record<string, string>> = {
	'\n': 'a line break',
	'\r': 'a carriage return',
	'\t': 'a tab',
	' ': 'a space',
	'\u00a0': 'a non-breaking space',
	'\u200b': 'a zero-width space',
	'\u200c': 'a zero-width non-joiner',
	'\u200d': 'a zero-width joiner',
	'\u2060': 'a word joiner',
	'\ufeff': 'a byte-order mark',
};

function describeCharacter(character: string): string {
	const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
	const name = CHARACTER_NAMES[character];
	return name === undefined ? `the character ${code}` : `${name} (${code})`;
}

/**
 * A key with a character no key has (a line break, a zero-width space copied along with it) cannot be sent in
 * a header at all; said as such, it is not mistaken for a network failure and retried.
 */
function assertWellFormedKey(apiKey: string | undefined, providerName: string): void {
	if (apiKey === undefined) return;
	const characters = [...apiKey];
	const index = characters.findIndex((character) => !KEY_CHARACTER.test(character));
	if (index === -1) return;
	throw new FusionError({
		kind: 'auth',
		message: `The ${providerName} credential's API key is malformed: character ${index + 1} is ${describeCharacter(characters[index])}, which no API key contains. Paste the key into the credential again`,
	});
}

/** A connection is resolved once per execution and provider, so it is checked once too. */
const checkedConnections = new WeakSet<UsableConnection>();

/** What a provider connection holds that a request is sent with. */
interface UsableConnection {
	baseUrl: string;
	apiKey?: string;
}

/** Refuses a connection no request may be sent with: a base URL the guard refuses, or a malformed key. */
export function assertUsableConnection(connection: UsableConnection, providerName: string): void {
	if (checkedConnections.has(connection)) return;
	assertSafeBaseUrl(connection.baseUrl, providerName);
	assertWellFormedKey(connection.apiKey, providerName);
	checkedConnections.add(connection);
}
