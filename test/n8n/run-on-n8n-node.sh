#!/bin/sh
# Runs jest on the Node that n8n itself runs on, as the end-to-end suites install it (npm run test:e2e first),
# with dynamic imports allowed: n8n 2.x's isolated-VM and QuickJS expression engines load that way, and
# isolated-vm has builds for n8n's Node, not for every Node. Arguments go to jest.
set -eu
cd "$(dirname "$0")/../.."
version_of() { sed -n "s/^export const $1 = '\(.*\)';/\1/p" test/n8n/n8n-install.ts; }
n8n_version=$(version_of N8N_VERSION)
node_version=$(version_of NODE_VERSION)
cache=${FUSION_N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-fusion}
platform=$(node -p 'process.platform + "-" + process.arch')
node_bin="$cache/n8n-$n8n_version-node-$node_version/node_modules/node-$platform/bin"
if [ ! -x "$node_bin/node" ]; then
	echo "No Node $node_version in $cache: run npm run test:e2e first, which installs it with n8n $n8n_version." >&2
	exit 1
fi
PATH="$node_bin:$PATH" NODE_OPTIONS="--experimental-vm-modules --no-node-snapshot" \
	FUSION_ALL_EXPRESSION_ENGINES=1 exec node node_modules/.bin/jest "$@"
