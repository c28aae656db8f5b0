import { networkInterfaces } from 'node:os';

/** What run-in-network-namespace.sh puts on the namespace's loopback interface and in its /etc/hosts. */
export const NAMESPACE = {
	metadataIpv4: '169.254.169.254',
	metadataIpv6: 'fd00:ec2::254',
	privateIpv4: '10.20.30.40',
	/** Resolves to metadataIpv4. */
	metadataHostName: 'metadata.fusion.test',
} as const;

/**
 * Throws unless loopback is this process's only network interface, so that a test of the address guard run
 * outside its namespace stops before it could send anything to a real metadata service.
 */
export function assertOnlyLoopback(): void {
	const interfaces = Object.keys(networkInterfaces());
	if (interfaces.length !== 1 || interfaces[0] !== 'lo') {
		throw new Error(
			`this suite must run with no route off the machine; run it with "npm run test:isolated" (interfaces here: ${interfaces.join(', ')})`,
		);
	}
}
