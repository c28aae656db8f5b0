import type { Redis } from 'ioredis';
import type {
	CallOutcome,
	FusionState,
	ModelObservation,
	ModelRecord,
	RateLimits,
	RateLimitTake,
} from '../fusion-state';
import { GET_CACHED_LUA, SET_CACHED_LUA } from './cache-scripts';
import { OBSERVED_MODELS_LUA, READ_MODELS_LUA, RECORD_OUTCOME_LUA } from './model-scripts';
import {
	GIVE_BACK_RATE_LIMIT_LUA,
	PAUSE_RATE_LIMIT_LUA,
	SETTLE_RATE_LIMIT_LUA,
	TAKE_RATE_LIMIT_LUA,
} from './rate-limit-scripts';
import { ADVANCE_ROTATION_LUA } from './rotation-script';

/** Answers kept at most, for every process of the installation together. */
const DEFAULT_CACHE_ENTRIES = 5_000;

type Script = (...args: Array<string | number>) => Promise<unknown>;

/** One Lua script per operation of the port, and how many of its arguments are keys. */
const SCRIPTS = {
	takeRateLimit: { lua: TAKE_RATE_LIMIT_LUA, keys: 1 },
	settleRateLimit: { lua: SETTLE_RATE_LIMIT_LUA, keys: 1 },
	giveBackRateLimit: { lua: GIVE_BACK_RATE_LIMIT_LUA, keys: 1 },
	pauseRateLimit: { lua: PAUSE_RATE_LIMIT_LUA, keys: 1 },
	recordOutcome: { lua: RECORD_OUTCOME_LUA, keys: 2 },
	readModels: { lua: READ_MODELS_LUA, keys: 1 },
	observedModels: { lua: OBSERVED_MODELS_LUA, keys: 1 },
	advanceRotation: { lua: ADVANCE_ROTATION_LUA, keys: 1 },
	getCached: { lua: GET_CACHED_LUA, keys: 3 },
	setCached: { lua: SET_CACHED_LUA, keys: 3 },
} as const;
type ScriptName = keyof typeof SCRIPTS;

export interface RedisFusionStateOptions {
	/** Every key starts with it (`fusion:` by default), so that Fusion's keys are easy to find and to delete. */
	prefix?: string;
	cacheEntries?: number;
	/** Epoch ms; Redis's own clock (TIME) by default. Tests that drive time pass theirs. */
	clock?: () => number;
}

/**
 * The state of every process that shares one Redis: each operation is one Lua script, so two workers never both
 * take the last request of a minute. ioredis's `defineCommand` sends a script's digest (EVALSHA) and the script
 * itself only when Redis does not know it yet.
 */
export class RedisFusionState implements FusionState {
	private readonly prefix: string;
	private readonly cacheEntries: number;
	private readonly clock?: () => number;
	private readonly scripts: Record<ScriptName, Script>;

	private connecting?: Promise<void>;
	/** The socket whose writes wait for the end of this turn (sendWithTheTurn). */
	private corked?: Redis['stream'];
	private failedConnections = 0;
	private reconnectAt = 0;

	constructor(
		private readonly redis: Redis,
		options: RedisFusionStateOptions = {},
	) {
		this.prefix = options.prefix ?? 'fusion:';
		this.cacheEntries = options.cacheEntries ?? DEFAULT_CACHE_ENTRIES;
		this.clock = options.clock;
		const define = (name: string, lua: string, numberOfKeys: number): Script => {
			const command = `fusion_${name}`;
			redis.defineCommand(command, { lua, numberOfKeys });
			const script = (redis as unknown as Record<string, Script>)[command];
			return async (...args) => {
				await this.untilConnected();
				this.sendWithTheTurn();
				return script.apply(redis, args);
			};
		};
		this.scripts = Object.fromEntries(
			Object.entries(SCRIPTS).map(([name, { lua, keys }]) => [name, define(name, lua, keys)]),
		) as Record<ScriptName, Script>;
	}

	/**
	 * Waits for the connection being made, if one is; makes one when the last was lost and the backoff has passed.
	 * Commands are not queued while Redis is out of reach, but a process's first operations must not fail only
	 * because they came before its connection. Reconnecting only when asked means no timer keeps an idle
	 * process alive.
	 */
	private untilConnected(): Promise<void> {
		const { redis } = this;
		if (redis.status === 'end' && Date.now() >= this.reconnectAt) {
			this.failedConnections += 1;
			this.reconnectAt = Date.now() + Math.min(100 * 2 ** this.failedConnections, 2_000);
			redis.connect().catch(() => {});
		}
		if (redis.status !== 'connecting' && redis.status !== 'connect') return Promise.resolve();
		this.connecting ??= new Promise<void>((resolve) => {
			const settle = () => {
				redis.off('ready', settle);
				redis.off('close', settle);
				if (redis.status === 'ready') this.failedConnections = 0;
				this.connecting = undefined;
				resolve();
			};
			redis.on('ready', settle);
			redis.on('close', settle);
		});
		return this.connecting;
	}

	/**
	 * Holds the socket's writes until the current job and its promise callbacks are done (process.nextTick runs
	 * right after them, before any timer or socket is served), so that what one turn asks (an item's rate-limit
	 * take, cache lookup and health read; a call's outcome, its settlement and the answer for the cache) goes to
	 * Redis in one write.
	 * Every write to a local socket wakes Redis, and on a small machine each costs 0.1–0.2 ms of this process's
	 * time; commands in one write are run one after the other all the same.
	 */
	private sendWithTheTurn(): void {
		const { stream } = this.redis;
		if (stream === undefined || this.corked === stream) return;
		this.corked = stream;
		stream.cork();
		process.nextTick(() => {
			this.corked = undefined;
			stream.uncork();
		});
	}

	private now(): string {
		return this.clock === undefined ? '' : String(this.clock());
	}

	private limitsKey(credential: string): string {
		return `${this.prefix}limits:${credential}`;
	}

	private modelsKey(credential: string): string {
		return `${this.prefix}models:${credential}`;
	}

	private cacheKeys(key: string): [string, string, string] {
		return [`${this.prefix}cache:${key}`, `${this.prefix}cache-index`, `${this.prefix}cache-uses`];
	}

	async takeRateLimit(
		credential: string,
		limits: RateLimits,
		estimatedTokens: number,
	): Promise<RateLimitTake> {
		const [waitMs, paused] = (await this.scripts.takeRateLimit(
			this.limitsKey(credential),
			this.now(),
			limits.requestsPerMinute || '',
			limits.tokensPerMinute || '',
			estimatedTokens,
		)) as [string, number];
		return { waitMs: Number(waitMs), paused: paused === 1 };
	}

	async settleRateLimit(
		credential: string,
		estimatedTokens: number,
		usedTokens: number,
	): Promise<void> {
		await this.scripts.settleRateLimit(
			this.limitsKey(credential),
			this.now(),
			estimatedTokens - usedTokens,
		);
	}

	async giveBackRateLimit(credential: string, estimatedTokens: number): Promise<void> {
		await this.scripts.giveBackRateLimit(this.limitsKey(credential), this.now(), estimatedTokens);
	}

	async pauseRateLimit(credential: string, ms: number): Promise<void> {
		await this.scripts.pauseRateLimit(this.limitsKey(credential), this.now(), ms);
	}

	async recordOutcome(credential: string, model: string, outcome: CallOutcome): Promise<void> {
		await this.scripts.recordOutcome(
			this.modelsKey(credential),
			`${this.prefix}credentials`,
			this.now(),
			credential,
			model,
			outcome.ok ? '1' : '0',
			outcome.ok ? outcome.latencyMs : '',
		);
	}

	async readModels(credential: string): Promise<ReadonlyMap<string, ModelRecord>> {
		const [now, ...flat] = (await this.scripts.readModels(
			this.modelsKey(credential),
			this.now(),
		)) as string[];
		// Cool-downs are measured against this process's clock: a failure's time moves to it, its age kept.
		const skew = this.clock === undefined ? Date.now() - Number(now) : 0;
		return new Map(
			pairsOf(flat, (fields) => {
				const record = modelRecordFromFields(fields);
				if (record.lastFailureAt !== undefined) record.lastFailureAt += skew;
				return record;
			}),
		);
	}

	async observedModels(): Promise<ReadonlyMap<string, ModelObservation>> {
		const flat = (await this.scripts.observedModels(
			`${this.prefix}credentials`,
			this.now(),
			this.modelsKey(''),
		)) as string[];
		return new Map(
			pairsOf(flat, (fields) => {
				const { latencyMs, successRate, calls } = modelRecordFromFields(fields);
				return { latencyMs, successRate, calls };
			}),
		);
	}

	async advanceRotation(key: string, weights: readonly number[]): Promise<number> {
		return (await this.scripts.advanceRotation(
			`${this.prefix}rotation:${key}`,
			this.now(),
			...weights,
		)) as number;
	}

	async getCached(key: string): Promise<unknown> {
		const json = (await this.scripts.getCached(...this.cacheKeys(key), this.now())) as
			| string
			| null;
		return json === null ? undefined : JSON.parse(json);
	}

	async setCached(key: string, value: unknown, ttlMs: number): Promise<void> {
		const json = JSON.stringify(value);
		if (json === undefined) return;
		await this.scripts.setCached(
			...this.cacheKeys(key),
			this.now(),
			json,
			ttlMs,
			this.cacheEntries,
		);
	}
}

function pairsOf<T>(flat: readonly string[], valueOf: (fields: string) => T): Array<[string, T]> {
	const pairs: Array<[string, T]> = [];
	for (let index = 0; index < flat.length; index += 2)
		pairs.push([flat[index], valueOf(flat[index + 1])]);
	return pairs;
}

/** A record as the scripts store it: `latencyMs|successRate|calls|consecutiveFailures|lastFailureAt|usedAt`. */
function modelRecordFromFields(fields: string): ModelRecord {
	const [latencyMs, successRate, calls, consecutiveFailures, lastFailureAt] = fields
		.split('|')
		.map((part) => (part === '' ? undefined : Number(part)));
	return {
		latencyMs,
		successRate: successRate ?? 1,
		calls: calls ?? 0,
		consecutiveFailures: consecutiveFailures ?? 0,
		lastFailureAt,
	};
}
