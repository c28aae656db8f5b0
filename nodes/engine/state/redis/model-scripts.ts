import { LUA_PRELUDE } from './lua-prelude';

/**
 * A credential's models live in one hash, a field per model id holding
 * `latencyMs|successRate|calls|consecutiveFailures|lastFailureAt|usedAt` (an empty part for none). A model
 * unused for an hour is dropped, the hash expires an hour after its last call, and the index of credentials
 * (a sorted set by last call) forgets a credential after that hour too: nothing grows without bound.
 */
const MODELS_LUA = `${LUA_PRELUDE}
local DECAY = 0.2
local UNUSED_MS = 3600000
local now = clock()

local function decode(value)
	local parts = {}
	for part in string.gmatch(value, '([^|]*)|?') do parts[#parts + 1] = part end
	return {
		latency = tonumber(parts[1]), success = tonumber(parts[2]), calls = tonumber(parts[3]),
		failures = tonumber(parts[4]), failedAt = tonumber(parts[5]), usedAt = tonumber(parts[6]),
	}
end

local function encode(r)
	local function part(value) if value == nil then return '' end return num(value) end
	return table.concat({
		part(r.latency), part(r.success), part(r.calls), part(r.failures), part(r.failedAt), part(r.usedAt),
	}, '|')
end

local function fresh(r) return now - r.usedAt <= UNUSED_MS end
`;

/** KEYS: the credential's models, the index of credentials. ARGV: clock, credential, model, '1' ok / '0' failed, latency. */
export const RECORD_OUTCOME_LUA = `${MODELS_LUA}
local key, index, credential, model = KEYS[1], KEYS[2], ARGV[2], ARGV[3]
local stored = redis.call('HGET', key, model)
local r = stored and decode(stored) or nil
if ARGV[4] == '1' then
	local latency = tonumber(ARGV[5])
	if r == nil then
		r = { latency = latency, success = 1, calls = 1, failures = 0 }
	else
		if r.latency == nil then r.latency = latency else r.latency = r.latency + DECAY * (latency - r.latency) end
		r.success = r.success + DECAY * (1 - r.success)
		r.calls = r.calls + 1
		r.failures = 0
		r.failedAt = nil
	end
else
	r = r or { success = 1, calls = 0, failures = 0 }
	r.success = r.success + DECAY * (0 - r.success)
	r.calls = r.calls + 1
	r.failures = r.failures + 1
	r.failedAt = now
end
r.usedAt = now
redis.call('HSET', key, model, encode(r))
local flat = redis.call('HGETALL', key)
for i = 1, #flat, 2 do
	if not fresh(decode(flat[i + 1])) then redis.call('HDEL', key, flat[i]) end
end
redis.call('PEXPIRE', key, UNUSED_MS)
redis.call('ZADD', index, now, credential)
redis.call('ZREMRANGEBYSCORE', index, '-inf', now - UNUSED_MS)
redis.call('PEXPIRE', index, UNUSED_MS)
`;

/** KEYS: the credential's models. ARGV: clock. Returns the clock's now, then model, record, model, record… */
export const READ_MODELS_LUA = `${MODELS_LUA}
local flat = redis.call('HGETALL', KEYS[1])
local result = { num(now) }
for i = 1, #flat, 2 do
	if fresh(decode(flat[i + 1])) then
		result[#result + 1] = flat[i]
		result[#result + 1] = flat[i + 1]
	end
end
return result
`;

/**
 * KEYS: the index of credentials. ARGV: clock, the key prefix of credentials' models. Returns model, record…
 * of the credential that called each model most. The models' keys are named by the index, not declared:
 * this needs one Redis, not a cluster (n8n's queue needs one too).
 */
export const OBSERVED_MODELS_LUA = `${MODELS_LUA}
local credentials = redis.call('ZRANGEBYSCORE', KEYS[1], now - UNUSED_MS, '+inf')
local top, topCalls = {}, {}
for _, credential in ipairs(credentials) do
	local flat = redis.call('HGETALL', ARGV[2] .. credential)
	for i = 1, #flat, 2 do
		local r = decode(flat[i + 1])
		if fresh(r) and (topCalls[flat[i]] == nil or r.calls > topCalls[flat[i]]) then
			top[flat[i]], topCalls[flat[i]] = flat[i + 1], r.calls
		end
	end
end
local result = {}
for model, record in pairs(top) do
	result[#result + 1] = model
	result[#result + 1] = record
end
return result
`;
