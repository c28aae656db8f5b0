import { credentialKeyOf } from '../../../nodes/engine/providers/credential-key';
import { providerById } from '../../../nodes/engine/providers/provider-registry';

describe('credentialKeyOf', () => {
	const openai = providerById('openai');
	const connection = {
		baseUrl: 'https://user:proxy-password@gateway.example/v1',
		apiKey: 'sk-secret-0123456789',
	};

	it('names the provider and a digest, never the key or the base URL, which may hold a password', () => {
		const key = credentialKeyOf(openai, connection);
		expect(key).toMatch(/^openai:[0-9a-f]{24}$/);
		expect(key).not.toMatch(/sk-secret|proxy-password|gateway/);
	});

	it('is the same for the same credential and differs when the key, the base URL or the API version does', () => {
		const key = credentialKeyOf(openai, connection);
		expect(credentialKeyOf(openai, { ...connection })).toBe(key);
		expect(credentialKeyOf(openai, { ...connection, apiKey: 'sk-secret-0123456780' })).not.toBe(
			key,
		);
		expect(
			credentialKeyOf(openai, { ...connection, baseUrl: 'https://gateway.example/v1' }),
		).not.toBe(key);
		expect(credentialKeyOf(openai, { ...connection, apiVersion: '2025-01-01' })).not.toBe(key);
		expect(credentialKeyOf(providerById('azure'), { ...connection })).not.toBe(key);
	});
});
