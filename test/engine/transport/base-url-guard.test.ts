import type { LookupAddress } from 'node:dns';
import {
	assertSafeBaseUrl,
	isRefusedAddress,
	lookupRefusingMetadata,
	REFUSED_ADDRESS_CODE,
} from '../../../nodes/engine/transport/base-url-guard';

/** Every spelling of an address that ends up at a link-local host or a cloud metadata service. */
const REFUSED = [
	'169.254.169.254',
	'169.254.0.23',
	'169.254.0.1',
	'100.100.100.200',
	'168.63.129.16',
	'192.0.0.192',
	'fe80::1',
	'febf:ffff::1',
	'fd00:ec2::254',
	'fd20:ce::254',
	// IPv4-mapped, as typed and as the URL parser rewrites it.
	'::ffff:169.254.169.254',
	'::ffff:a9fe:a9fe',
	// IPv4-compatible, SIIT-translated, NAT64's well-known prefix and 6to4.
	'::169.254.169.254',
	'::a9fe:a9fe',
	'::ffff:0:a9fe:a9fe',
	'64:ff9b::a9fe:a9fe',
	'64:ff9b::169.254.169.254',
	'2002:a9fe:a9fe::1',
	'::ffff:6464:64c8',
	'64:ff9b::6464:64c8',
];

/** Loopback, private ranges and ordinary public addresses: Ollama, gateways and the providers themselves. */
const ALLOWED = [
	'127.0.0.1',
	'::1',
	'::ffff:127.0.0.1',
	'10.0.0.1',
	'172.16.5.4',
	'192.168.1.10',
	'100.64.0.1',
	'fd00::1',
	'fd00:ec2::253',
	'fec0::1',
	'64:ff9b::808:808',
	'2002:808:808::1',
	'104.18.6.192',
	'api.openai.com',
	'',
];

describe('the address guard', () => {
	it.each(REFUSED)('refuses %s', (address) => {
		expect(isRefusedAddress(address)).toBe(true);
	});

	it.each(ALLOWED)('allows %p', (address) => {
		expect(isRefusedAddress(address)).toBe(false);
	});

	it.each([
		['http://169.254.169.254/latest', '169.254.169.254'],
		['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
		['http://[::169.254.169.254]/', '::a9fe:a9fe'],
		['http://[::ffff:0:a9fe:a9fe]/', '::ffff:0:a9fe:a9fe'],
		['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe'],
		['http://[fd00:ec2::254]/', 'fd00:ec2::254'],
		['http://[fe80::1]:8080/v1', 'fe80::1'],
		// The URL parser reads a single number, or hex, as an IPv4 address.
		['http://2852039166/', '169.254.169.254'],
		['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254'],
	])('refuses the base URL %s before any request, naming the address', (baseUrl, shown) => {
		expect(() => assertSafeBaseUrl(baseUrl, 'OpenAI')).toThrow(
			`The OpenAI credential's Base URL points at ${shown}, a link-local or cloud metadata address. It is refused`,
		);
	});

	it('refuses what is not an http(s) URL and accepts ordinary ones', () => {
		expect(() => assertSafeBaseUrl('api.openai.com/v1', 'OpenAI')).toThrow(/not a valid URL/);
		expect(() => assertSafeBaseUrl('file:///etc/passwd', 'OpenAI')).toThrow(/must start with http/);
		expect(assertSafeBaseUrl('http://localhost:11434/v1', 'Ollama').hostname).toBe('localhost');
		expect(assertSafeBaseUrl('http://10.1.2.3:8000/v1', 'OpenAI-Compatible').hostname).toBe(
			'10.1.2.3',
		);
	});

	it('refuses in the lookup what resolves to a refused address, and passes loopback through', async () => {
		const lookup = (hostname: string) =>
			new Promise<string | LookupAddress[]>((resolve, reject) =>
				lookupRefusingMetadata(hostname, {}, (error, address) =>
					error ? reject(error) : resolve(address),
				),
			);
		expect(['127.0.0.1', '::1']).toContain(await lookup('localhost'));
		// A literal goes through the resolver unchanged, like a name that resolves there; no packet is sent.
		await expect(lookup('169.254.169.254')).rejects.toMatchObject({ code: REFUSED_ADDRESS_CODE });
		await expect(lookup('::ffff:169.254.169.254')).rejects.toThrow(
			/resolves to ::ffff:169\.254\.169\.254, a link-local or cloud metadata address/,
		);
	});
});
