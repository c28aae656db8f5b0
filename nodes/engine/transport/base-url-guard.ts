import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';
import { FusionError } from '../errors/fusion-error';

/** Ranges whose hosts hand out the machine's own credentials (instance roles, managed identities). */
const REFUSED_IPV4: ReadonlyArray<readonly [string, number]> = [
	// Link-local: the metadata service of AWS, GCP, Azure, Oracle, DigitalOcean and OpenStack (169.254.169.254),
	// Tencent Cloud's (169.254.0.23).
	['169.254.0.0', 16],
	['100.100.100.200', 32], // Alibaba Cloud's metadata service
	['168.63.129.16', 32], // Azure's WireServer
	['192.0.0.192', 32], // Oracle Cloud's older metadata address
];

const REFUSED_IPV6: ReadonlyArray<readonly [string, number]> = [
	['fe80::', 10], // link-local
	['fd00:ec2::254', 128], // AWS's metadata service over IPv6
	['fd20:ce::254', 128], // GCP's metadata service over IPv6
];

/**
 * IPv6 /96 prefixes, written up to their last 32 bits, that carry an IPv4 address the packet ends up at:
 * IPv4-mapped (Node and Linux connect them over IPv4), IPv4-compatible, SIIT-translated and NAT64's well-known
 * prefix. A NAT64 prefix an operator chose for their own network cannot be told from an ordinary IPv6 address.
 */
const IPV4_CARRYING_PREFIXES = ['::ffff:', '::', '::ffff:0:', '64:ff9b::'];

function ipv4Hextets(address: string): string {
	const [a, b, c, d] = address.split('.').map(Number);
	return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

function buildRefusedAddresses(): BlockList {
	const list = new BlockList();
	for (const [address, prefix] of REFUSED_IPV4) {
		list.addSubnet(address, prefix, 'ipv4');
		for (const carrier of IPV4_CARRYING_PREFIXES)
			list.addSubnet(`${carrier}${ipv4Hextets(address)}`, 96 + prefix, 'ipv6');
		// 6to4 (2002::/16) carries the IPv4 address in its next 32 bits.
		list.addSubnet(`2002:${ipv4Hextets(address)}::`, 16 + prefix, 'ipv6');
	}
	for (const [address, prefix] of REFUSED_IPV6) list.addSubnet(address, prefix, 'ipv6');
	return list;
}

const refusedAddresses = buildRefusedAddresses();

/**
 * Addresses a provider call must never reach: link-local ones and the cloud metadata services, in every IPv6
 * spelling that still lands there. Loopback and private ranges stay allowed: Ollama and gateways live there.
 */
export function isRefusedAddress(address: string): boolean {
	const family = isIP(address);
	return family !== 0 && refusedAddresses.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The one sentence every refusal ends with, wherever it was caught. */
function refusal(subject: string, address: string): string {
	return `${subject} ${address}, a link-local or cloud metadata address. It is refused: a request there would hand the API key to the machine's metadata service`;
}

/** The socket-level error code of a refused address, so the transport can tell it from a network failure. */
export const REFUSED_ADDRESS_CODE = 'ERR_FUSION_REFUSED_ADDRESS';

function refusedAddressError(subject: string, address: string): NodeJS.ErrnoException {
	const error: NodeJS.ErrnoException = new Error(refusal(subject, address));
	error.code = REFUSED_ADDRESS_CODE;
	return error;
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
	if (isRefusedAddress(host)) {
		throw new FusionError({
			kind: 'bad_request',
			message: refusal(`The ${providerName} credential's Base URL points at`, host),
		});
	}
	return url;
}

type LookupCallback = (
	error: NodeJS.ErrnoException | null,
	address: string | LookupAddress[],
	family?: number,
) => void;

/**
 * A dns.lookup that refuses a name resolving to a refused address, before anything is sent there. Node skips
 * the lookup for an IP literal; the connector below checks those.
 */
export function lookupRefusingMetadata(
	hostname: string,
	options: LookupOptions,
	callback: LookupCallback,
): void {
	dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
		if (error) {
			callback(error, '');
			return;
		}
		const refused = addresses.find((entry) => isRefusedAddress(entry.address));
		if (refused) {
			callback(refusedAddressError(`${hostname} resolves to`, refused.address), '');
			return;
		}
		if (options.all) callback(null, addresses);
		else callback(null, addresses[0].address, addresses[0].family);
	});
}

/**
 * undici's connector, guarded three times: an IP literal is refused before a socket opens, a name by the lookup,
 * and whatever address the socket really reached is checked once it has connected, before a byte is written.
 */
export function createGuardedConnector(
	options: buildConnector.BuildOptions,
): buildConnector.connector {
	const connect = buildConnector({ lookup: lookupRefusingMetadata, ...options });
	return (target, callback) => {
		if (isRefusedAddress(target.hostname)) {
			callback(refusedAddressError(`${target.hostname} is`, target.hostname), null);
			return;
		}
		connect(target, (...result) => {
			const [error, socket] = result;
			const reached = socket?.remoteAddress;
			if (error === null && reached !== undefined && isRefusedAddress(reached)) {
				socket.destroy();
				callback(
					refusedAddressError(`the connection to ${target.hostname} reached`, reached),
					null,
				);
				return;
			}
			callback(...result);
		});
	};
}
