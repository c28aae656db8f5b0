#!/bin/sh
# Runs the *.isolated.test.ts suites inside a new network namespace whose only interface is loopback, so that a
# test of the address guard cannot send a packet off this machine even when the guard is broken. Loopback also
# gets the addresses those tests aim at (a metadata address on IPv4 and IPv6, a private one) and a host name
# resolving to the metadata address: a guard that let a call through would then reach a listener in the
# namespace, which the tests watch, instead of a real metadata service. Needs Linux and either root or
# unprivileged user namespaces. Extra arguments go to jest.
set -eu
cd "$(dirname "$0")/../.."

as_root=""
if [ "$(id -u)" -ne 0 ]; then as_root="--map-root-user"; fi
if ! unshare $as_root --net --mount true 2>/dev/null; then
	echo "The address-guard tests need a network namespace with only loopback (Linux unshare, as root or with" >&2
	echo "unprivileged user namespaces); none could be created here, so they did not run." >&2
	exit 1
fi

hosts=$(mktemp)
trap 'rm -f "$hosts"' EXIT
cat /etc/hosts > "$hosts"
echo "169.254.169.254 metadata.fusion.test" >> "$hosts"

unshare $as_root --net --mount sh -c '
	set -e
	hosts=$1
	shift
	ip link set lo up
	ip addr add 169.254.169.254/32 dev lo
	ip -6 addr add fd00:ec2::254/128 dev lo
	ip addr add 10.20.30.40/32 dev lo
	mount --bind "$hosts" /etc/hosts
	exec node_modules/.bin/jest --config jest.isolated.config.js "$@"
' sh "$hosts" "$@"
