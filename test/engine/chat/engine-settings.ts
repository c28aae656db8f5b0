import type { ChatSettings } from '../../../nodes/engine/chat/run-chat';
import { FusionError } from '../../../nodes/engine/errors/fusion-error';
import type { ProviderConnection } from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderId } from '../../../nodes/engine/providers/provider-registry';
import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/engine/transport/retry-policy';
import { DEFAULT_TIMEOUTS } from '../../../nodes/engine/transport/timeouts';

/**
 * Settings for engine tests: every provider points at the mock server, fast retries, and a state of their own
 * so one test's failures cannot cool down or pause a model for the next.
 */
export function settingsFor(
	connections: Partial<Record<ProviderId, ProviderConnection>>,
	overrides: Partial<ChatSettings> = {},
): ChatSettings {
	return {
		timeouts: { ...DEFAULT_TIMEOUTS, firstByteMs: 5_000, totalMs: 10_000, idleMs: 5_000 },
		retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10, maxDelayMs: 50 },
		connectionFor: async (provider) => {
			const connection = connections[provider.id];
			if (connection === undefined)
				throw new FusionError({ kind: 'auth', message: `no ${provider.displayName} credential` });
			return connection;
		},
		state: new MemoryFusionState(),
		...overrides,
	};
}
