import { LUA_PRELUDE } from './lua-prelude';

/**
 * An entry is a hash (`expires` epoch ms, `value` JSON) that Redis also expires by its time to live. The index
 * (a sorted set of entry keys by a use counter) keeps the least recently used first, so the cache holds at most
 * `maxEntries`, like the memory one; the index and its counter expire with the longest-lived entry.
 */
const CACHE_LUA = `${LUA_PRELUDE}
local entry, index, counter = KEYS[1], KEYS[2], KEYS[3]
local now = clock()
local function touch() return redis.call('INCR', counter) end
`;

/** KEYS: entry, index, counter. ARGV: clock, value JSON, ttl ms, max entries. */
export const SET_CACHED_LUA = `${CACHE_LUA}
local ttl, maxEntries = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('DEL', entry)
redis.call('HSET', entry, 'expires', num(now + ttl), 'value', ARGV[2])
redis.call('PEXPIRE', entry, math.max(1, math.ceil(ttl)))
redis.call('ZADD', index, touch(), entry)
local excess = redis.call('ZCARD', index) - maxEntries
if excess > 0 then
	for _, oldest in ipairs(redis.call('ZRANGE', index, 0, excess - 1)) do redis.call('DEL', oldest) end
	redis.call('ZREMRANGEBYRANK', index, 0, excess - 1)
end
for _, key in ipairs({ index, counter }) do
	if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, math.max(1, math.ceil(ttl))) end
end
`;

/** KEYS: entry, index, counter. ARGV: clock. Returns the value JSON, or nil. */
export const GET_CACHED_LUA = `${CACHE_LUA}
local stored = redis.call('HMGET', entry, 'expires', 'value')
if stored[1] == false or tonumber(stored[1]) <= now then
	redis.call('DEL', entry)
	redis.call('ZREM', index, entry)
	return nil
end
redis.call('ZADD', index, 'XX', touch(), entry)
return stored[2]
`;
