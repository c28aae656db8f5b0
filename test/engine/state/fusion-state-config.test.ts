import { fusionStateConfigFromEnv } from '../../../nodes/engine/state/fusion-state-config';

describe('fusionStateConfigFromEnv', () => {
	it('keeps state in memory outside queue mode', () => {
		expect(fusionStateConfigFromEnv({})).toEqual({ store: 'memory' });
		expect(fusionStateConfigFromEnv({ EXECUTIONS_MODE: 'regular' })).toEqual({ store: 'memory' });
	});

	it("shares it through n8n's own queue Redis in queue mode, with n8n's defaults", () => {
		expect(fusionStateConfigFromEnv({ EXECUTIONS_MODE: 'queue' })).toEqual({
			store: 'redis',
			prefix: 'fusion:',
			redis: { host: 'localhost', port: 6379, db: 0, tls: false },
		});
	});

	it("takes every one of n8n's QUEUE_BULL_REDIS_ settings", () => {
		expect(
			fusionStateConfigFromEnv({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD: 'p@ss:word',
				QUEUE_BULL_REDIS_DB: '2',
				QUEUE_BULL_REDIS_TLS: 'true',
				FUSION_REDIS_PREFIX: 'team-a:fusion:',
			}),
		).toEqual({
			store: 'redis',
			prefix: 'team-a:fusion:',
			redis: {
				host: 'redis.internal',
				port: 6380,
				username: 'n8n',
				password: 'p@ss:word',
				db: 2,
				tls: true,
			},
		});
	});

	it('lets FUSION_STATE and FUSION_REDIS_URL override', () => {
		expect(fusionStateConfigFromEnv({ EXECUTIONS_MODE: 'queue', FUSION_STATE: 'memory' })).toEqual({
			store: 'memory',
		});
		expect(
			fusionStateConfigFromEnv({
				FUSION_STATE: 'redis',
				FUSION_REDIS_URL: 'rediss://user:secret@cache.example:6390/3',
				QUEUE_BULL_REDIS_HOST: 'ignored',
			}),
		).toEqual({
			store: 'redis',
			prefix: 'fusion:',
			redis: { url: 'rediss://user:secret@cache.example:6390/3' },
		});
	});

	it('names the variable when FUSION_STATE is neither store', () => {
		expect(() => fusionStateConfigFromEnv({ FUSION_STATE: 'postgres' })).toThrow(
			'FUSION_STATE must be "memory" or "redis", not "postgres"',
		);
	});
});
