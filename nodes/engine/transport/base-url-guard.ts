import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { FusionError } from '../errors/fusion-error';

/**
 * Cloud metadata services live on link-local addresses (169.254.169.254, fd00:ec2::254 aside); a base URL
 * pointing there would hand the provider's key, and the request, to the host's instance credentials service.
 */
export function isLinkLocalAddress(address: string): boolean {
	const family = isIP(address);
	if (family === 4) return address.startsWith('169.254.');
	if (family === 6) {
		const lower = address.toLowerCase();
		const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
		if (mapped) return isLinkLocalAddress(mapped[1]);
		return /^fe[89ab][0-9a-f]:/.test(lower);
	}
	return false;
}

/** Checks a base URL before any request is built from it; the message says what to change. */
export function assertSafeBaseUrl(baseUrl: string, providerName: string): URL {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		throw new FusionError({
			kind: 'bad_request',
			message: `The ${providerName} credential's Base URL "${baseUrl}" is not a valid URL; use a full address such as https://api.example.com/v1`,
		});
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new FusionError({
			kind: 'bad_request',
			message: `The ${providerName} credential's Base URL must start with http:// or https:// (got ${url.protocol})`,
		});
	}
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isLinkLocalAddress(host)) {
		throw new FusionError({
			kind: 'bad_request',
			message: `The ${providerName} credential's Base URL points at a link-local address (${host}), which is refused: that range hosts cloud metadata services`,
		});
	}
	return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A dns.lookup that refuses names resolving to link-local addresses, so a hostname cannot reach the metadata
 * service either (checked when the socket connects, after DNS, where a URL check alone cannot see).
 */
export function lookupRefusingLinkLocal(hostname: string, options: LookupOptions, callback: LookupCallback): void {
	dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
		if (error) {
			callback(error, '');
			return;
		}
		const refused = addresses.find((entry) => isLinkLocalAddress(entry.address));
		if (refused) {
			const failure: NodeJS.ErrnoException = new Error(
				`${hostname} resolves to the link-local address ${refused.address}, which is refused`,
			);
			failure.code = 'ELINKLOCAL';
			callback(failure, '');
			return;
		}
		if (options.all) callback(null, addresses);
		else callback(null, addresses[0].address, addresses[0].family);
	});
}
