// n8n's community-node lint, as `n8n-node lint` (@n8n/node-cli) configures it for a community
// package: ESLint and typescript-eslint recommended, @n8n/eslint-plugin-community-nodes (the rules
// of n8n's package scanner), eslint-plugin-n8n-nodes-base for nodes, credentials and package.json,
// and import-x.
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['bench/.build/**', '.cache/**', 'coverage/**'] },

	...config,

	// The one place where n8n's rules are switched off for this package. Each rule below is a
	// condition of n8n Cloud verification that the design cannot meet on purpose; every other rule
	// applies.
	{
		rules: {
			// package.json: the engine needs undici (one keep-alive Agent per process, with a connect
			// timeout and a DNS lookup that refuses link-local addresses), zod (validation at the edges),
			// eventsource-parser (SSE streams) and ajv (JSON Schema: structured answers checked against the
			// request's schema) at run time, so they are `dependencies`, which n8n installs with the package.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// The imports of undici and eventsource-parser, and of `node:dns` / `node:net` (the base-URL
			// guard checks the address a host resolves to). The rule has no options, so it also lets
			// `node:perf_hooks` through, which the engine could replace with the global `performance`.
			'@n8n/community-nodes/no-restricted-imports': 'off',
			// setTimeout / clearTimeout: request, first-token and idle timeouts, retry back-off and the
			// fallback hedge are timers, cleared the moment an answer arrives or a race is decided. The
			// rule has no options, so it also lets the other globals it lists (process, setInterval,
			// setImmediate, ...) through.
			'@n8n/community-nodes/no-restricted-globals': 'off',
		},
	},

	// The engine imports nothing from n8n (house rule: it runs, and is tested, without n8n), so it throws
	// its own FusionError kinds; the nodes turn every one into a NodeApiError or NodeOperationError with
	// the item's index before n8n sees it.
	{
		files: ['nodes/engine/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},

	// The base class every credential type extends is not a credential type itself: n8n's loader never
	// lists it (package.json names the *.credentials.ts files), so the naming rules for those do not
	// apply to it.
	{
		files: ['credentials/shared/**/*.ts'],
		rules: {
			'n8n-nodes-base/cred-filename-against-convention': 'off',
			'n8n-nodes-base/cred-class-name-unsuffixed': 'off',
		},
	},

	// Tests and the benchmark never ship (package.json's `files` is dist/, built from nodes/ and
	// credentials/ without tests), so rules that protect n8n users from a node's code are relaxed
	// there, and only those.
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: {
			// Fake API keys are test data: tests prove a key never reaches an output, error or log line.
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// Tests and the benchmark start n8n, a provider server and the build in child processes.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			// The rule is about errors shown in n8n's editor; a test helper rethrows to fail the test.
			'@n8n/community-nodes/require-node-api-error': 'off',
			// Tests load each credential class by its file name with require(), as n8n's loader does.
			'@typescript-eslint/no-require-imports': 'off',
			// Tests read recorded provider bodies in the provider's own, untyped format.
			'@typescript-eslint/no-explicit-any': 'off',
		},
	},
];
