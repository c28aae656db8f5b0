import type { Redis } from 'ioredis';
import type { FusionState } from './fusion-state';
import { fusionStateConfigFromEnv, type FusionStateConfig } from './fusion-state-config';
import { MemoryFusionState } from './memory-fusion-state';
import { connectRedis } from './redis/connect-redis';
import { RedisFusionState } from './redis/redis-fusion-state';
import { ResilientFusionState } from './resilient-fusion-state';

/**
 * Closes the connection when the process ends, without keeping it alive for that. Not on SIGTERM: n8n then lets
 * running executions finish, and they still need Redis; the exit that follows closes it.
 */
function closeOnExit(redis: Redis): void {
	// An idle connection must not keep a process that is otherwise done from exiting.
	redis.on('connect', () => redis.stream.unref());
	// Disconnecting a connection already ended would start ioredis's two-second timer for nothing.
	const close = () => {
		if (redis.status !== 'end') redis.disconnect();
	};
	process.once('beforeExit', close);
	process.once('exit', close);
}

/** A new state as `config` says: the only place that decides where state is kept. */
export function createFusionState(
	config: FusionStateConfig = fusionStateConfigFromEnv(process.env),
	report?: (message: string) => void,
): FusionState {
	if (config.store === 'memory') return new MemoryFusionState();
	const redis = connectRedis(config.redis);
	closeOnExit(redis);
	return new ResilientFusionState(
		new RedisFusionState(redis, { prefix: config.prefix }),
		new MemoryFusionState(),
		{ report },
	);
}

let shared: FusionState | undefined;
let reporter: (message: string) => void = () => {};

/**
 * The state every node of this process shares: a provider account has one quota, and a model one track record,
 * however many workflows use them; in queue mode, every worker's node too. `report` (the host's log) hears when
 * the shared store fails and when it is back.
 */
export function processFusionState(report?: (message: string) => void): FusionState {
	if (report !== undefined) reporter = report;
	shared ??= createFusionState(fusionStateConfigFromEnv(process.env), (message) =>
		reporter(message),
	);
	return shared;
}
