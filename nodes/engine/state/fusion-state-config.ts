/** Where a process keeps its state, as its environment says. */
export type FusionStateConfig =
	| { store: 'memory' }
	| { store: 'redis'; redis: RedisTarget; prefix: string };

/** A URL as given, or n8n's own queue connection. */
export type RedisTarget =
	| { url: string }
	| {
			host: string;
			port: number;
			username?: string;
			password?: string;
			db: number;
			tls: boolean;
	  };

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `FUSION_STATE` (memory | redis) decides; without it, queue mode (`EXECUTIONS_MODE=queue`) means redis, as
 * every worker must then see the same limits. `FUSION_REDIS_URL` names the Redis, else n8n's own queue settings
 * (`QUEUE_BULL_REDIS_*`, with n8n's defaults) do: zero configuration in queue mode.
 */
export function fusionStateConfigFromEnv(env: Environment): FusionStateConfig {
	const store = env.FUSION_STATE || (env.EXECUTIONS_MODE === 'queue' ? 'redis' : 'memory');
	if (store === 'memory') return { store };
	if (store !== 'redis')
		throw new Error(`FUSION_STATE must be "memory" or "redis", not "${store}"`);
	const prefix = env.FUSION_REDIS_PREFIX || 'fusion:';
	if (env.FUSION_REDIS_URL) return { store, redis: { url: env.FUSION_REDIS_URL }, prefix };
	return {
		store,
		prefix,
		redis: {
			host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
			port: Number(env.QUEUE_BULL_REDIS_PORT || 6379),
			username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
			password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
			db: Number(env.QUEUE_BULL_REDIS_DB || 0),
			tls: env.QUEUE_BULL_REDIS_TLS === 'true' || env.QUEUE_BULL_REDIS_TLS === '1',
		},
	};
}
