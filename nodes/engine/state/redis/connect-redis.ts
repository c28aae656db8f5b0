import { Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../fusion-state-config';

/**
 * A command fails at once while Redis is out of reach (no queue of waiting commands grows) and is not retried:
 * the process's memory answers instead. A lost connection is not retried on a timer either: the state makes a
 * new one when an operation comes (RedisFusionState), so that nothing keeps a process alive. No auto-pipelining:
 * it holds a command back to the end of the event loop's turn, and after a long turn (many items answered at
 * once) that eats the 50 ms an operation has from when it is asked.
 */
const REDIS_OPTIONS: RedisOptions = {
	enableOfflineQueue: false,
	maxRetriesPerRequest: 1,
	connectTimeout: 2_000,
	retryStrategy: () => null,
};

/** The connection a process's state uses. */
export function connectRedis(target: RedisTarget): Redis {
	const redis =
		'url' in target
			? new Redis(target.url, REDIS_OPTIONS)
			: new Redis({
					host: target.host,
					port: target.port,
					username: target.username,
					password: target.password,
					db: target.db,
					...(target.tls && { tls: {} }),
					...REDIS_OPTIONS,
				});
	// Errors reach the operations that fail; unheard, ioredis would print every reconnect attempt's.
	redis.on('error', () => {});
	return redis;
}
