const REDACTED = '[redacted]';

/** Patterns of credentials that may reach a message without the engine knowing the exact value. */
const SECRET_PATTERNS: RegExp[] = [
	/\bsk-[A-Za-z0-9_\-]{8,}/g,
	/\bAIza[0-9A-Za-z_\-]{20,}/g,
	/\bgsk_[A-Za-z0-9]{10,}/g,
	/\bxai-[A-Za-z0-9]{10,}/g,
	/(Bearer\s+)[A-Za-z0-9._\-]{8,}/gi,
];

/**
 * Removes the given secrets (and anything shaped like a well-known API key) from a text. Providers echo keys
 * back in error bodies ("Incorrect API key provided: sk-..."), so every message that leaves the engine passes
 * through here.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
	let result = text;
	for (const secret of secrets) {
		// Very short values would redact ordinary words; real keys are long.
		if (secret !== undefined && secret.length >= 6) result = result.split(secret).join(REDACTED);
	}
	for (const pattern of SECRET_PATTERNS) {
		result = result.replace(pattern, (match, prefix: unknown) =>
			typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${REDACTED}` : REDACTED,
		);
	}
	return result;
}
