import { assertSafeBaseUrl, isLinkLocalAddress, lookupRefusingLinkLocal } from '../../../nodes/engine/transport/base-url-guard';

describe('base URL guard', () => {
	it('recognises link-local addresses, IPv4, IPv6 and IPv4-mapped', () => {
		expect(isLinkLocalAddress('169.254.169.254')).toBe(true);
		expect(isLinkLocalAddress('fe80::1')).toBe(true);
		expect(isLinkLocalAddress('::ffff:169.254.169.254')).toBe(true);
		expect(isLinkLocalAddress('127.0.0.1')).toBe(false);
		expect(isLinkLocalAddress('10.0.0.1')).toBe(false);
		expect(isLinkLocalAddress('api.openai.com')).toBe(false);
	});

	it('refuses a metadata-service base URL with a message that says why', () => {
		expect(() => assertSafeBaseUrl('http://169.254.169.254/latest', 'OpenAI')).toThrow(/link-local address \(169\.254\.169\.254\), which is refused/);
		expect(() => assertSafeBaseUrl('http://[fe80::1]:8080/v1', 'OpenAI')).toThrow(/link-local/);
	});

	it('refuses what is not an http(s) URL and accepts ordinary ones', () => {
		expect(() => assertSafeBaseUrl('api.openai.com/v1', 'OpenAI')).toThrow(/not a valid URL/);
		expect(() => assertSafeBaseUrl('file:///etc/passwd', 'OpenAI')).toThrow(/must start with http/);
		expect(assertSafeBaseUrl('http://localhost:11434/v1', 'Ollama').hostname).toBe('localhost');
	});

	it('refuses a host name when DNS answers with a link-local address', async () => {
		const resolved = await new Promise<string>((resolve, reject) =>
			lookupRefusingLinkLocal('localhost', {}, (error, address) => (error ? reject(error) : resolve(String(address)))),
		);
		expect(['127.0.0.1', '::1']).toContain(resolved);
		// 169.254.169.254 as a literal goes through the resolver unchanged, like a name that resolves there.
		await expect(
			new Promise((resolve, reject) =>
				lookupRefusingLinkLocal('169.254.169.254', {}, (error, address) => (error ? reject(error) : resolve(address))),
			),
		).rejects.toMatchObject({ code: 'ELINKLOCAL' });
	});
});
