const REDACTED = '[redacted]';

/** Very short values would redact ordinary words; real keys and passwords are longer. */
const MIN_SECRET_LENGTH = 6;

/** Patterns of credentials that may reach a message without the engine knowing the exact value. */
const SECRET_PATTERNS: RegExp[] = [
	/\bsk-[A-Za-z0-9_-]{8,}/g,
	/\bAIza[0-9A-Za-z_-]{20,}/g,
	/\bgsk_[A-Za-z0-9]{10,}/g,
	/\bxai-[A-Za-z0-9]{10,}/g,
	/(Bearer\s+)[A-Za-z0-9._-]{8,}/gi,
];

/** `Basic` credentials, whoever's they are: base64 that decodes to `user:password` (prose such as "Basic auth" does not). */
const BASIC_CREDENTIALS = /(Basic\s+)([A-Za-z0-9+/]{4,}={0,2})/gi;

/** A run of base64 (or base64url) text long enough to hold a key: `Basic` credentials, a token, a blob. */
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}={0,2}/g;

/**
 * A key shown in part, as providers and proxies do in their errors: its start and/or its end around dots, an
 * ellipsis or asterisks (`sk-proj-****abcd`, `sk-abc123...wxyz`, `…wxyz`).
 */
const PREVIEW = /([A-Za-z0-9_+/=-]*)(?:\.{2,}|…|\*{3,})([A-Za-z0-9_+/=-]*)/g;

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every spelling of the secret that a provider or proxy may echo: as is, URL-encoded, in any letter case. */
function spellingsOf(secret: string): RegExp {
	const spellings = new Set([
		secret,
		encodeURIComponent(secret),
		encodeURIComponent(secret).replace(/%20/g, '+'),
	]);
	return new RegExp([...spellings].map(escapeRegExp).join('|'), 'gi');
}

function isPreviewOf(secret: string, start: string, end: string): boolean {
	const lower = secret.toLowerCase();
	const startMatches = start.length >= 3 && lower.startsWith(start.toLowerCase());
	const endMatches = end.length >= 2 && lower.endsWith(end.toLowerCase());
	if (start === '') return end.length >= 4 && endMatches;
	return startMatches && (end === '' || endMatches);
}

function containsBase64Of(run: string, secrets: readonly string[]): boolean {
	const decoded = Buffer.from(run, 'base64').toString('latin1').toLowerCase();
	return secrets.some((secret) => decoded.includes(secret.toLowerCase()));
}

/**
 * Removes the given secrets (and anything shaped like a well-known API key) from a text. Providers and proxies
 * echo keys back in error bodies ("Incorrect API key provided: sk-..."), URL-encoded, upper-cased, inside
 * `Basic` credentials or as a preview, so every message that leaves the engine passes through here.
 */
export function redactSecrets(
	text: string,
	secrets: ReadonlyArray<string | undefined> = [],
): string {
	const known = secrets.filter(
		(secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
	);
	let result = text;
	if (known.length > 0) {
		for (const secret of known) result = result.replace(spellingsOf(secret), REDACTED);
		result = result.replace(BASE64_RUN, (run) => (containsBase64Of(run, known) ? REDACTED : run));
		result = result.replace(PREVIEW, (preview, start: string, end: string) =>
			known.some((secret) => isPreviewOf(secret, start, end)) ? REDACTED : preview,
		);
	}
	result = result.replace(BASIC_CREDENTIALS, (match, prefix: string, token: string) =>
		Buffer.from(token, 'base64').toString('latin1').includes(':') ? `${prefix}${REDACTED}` : match,
	);
	for (const pattern of SECRET_PATTERNS) {
		result = result.replace(pattern, (match, prefix: unknown) =>
			typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
		);
	}
	return result;
}

/** What a connection holds that no message may show: the key, and the password of a base URL's user:password@. */
export function secretsOf(connection: { apiKey?: string; baseUrl: string }): string[] {
	const secrets = connection.apiKey === undefined ? [] : [connection.apiKey];
	try {
		const { password } = new URL(connection.baseUrl);
		if (password !== '') secrets.push(password, decodeURIComponent(password));
	} catch {
		// A base URL that does not parse is refused before any request; it holds nothing to hide here.
	}
	return secrets;
}
