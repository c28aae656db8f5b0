import { redactSecrets } from '../../../nodes/engine/errors/redact-secrets';

describe('redactSecrets', () => {
	it('removes the exact secret wherever it appears', () => {
		expect(redactSecrets('key my-private-token-123 was refused (my-private-token-123)', ['my-private-token-123'])).toBe(
			'key [redacted] was refused ([redacted])',
		);
	});

	it('removes well-known key shapes even when the value is not known', () => {
		const text = 'Incorrect API key provided: sk-proj-abcDEF1234567890xyz. Also AIzaSyA1234567890abcdefghijklmnop and gsk_abcdefghij1234';
		expect(redactSecrets(text)).toBe('Incorrect API key provided: [redacted]. Also [redacted] and [redacted]');
		expect(redactSecrets('Authorization: Bearer abcdefgh12345678')).toBe('Authorization: Bearer [redacted]');
	});

	it('leaves ordinary text and very short values alone', () => {
		expect(redactSecrets('model not found', ['abc'])).toBe('model not found');
	});
});
