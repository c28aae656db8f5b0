import { LUA_PRELUDE } from './lua-prelude';

/**
 * A credential's limits live in one hash: per budget (`r` requests, `t` tokens) the bucket (`rate`, `avail`,
 * `at`) and each limit a node set with when it was last asked for (`limit:<value>`), plus `paused` (epoch ms).
 * The hash is read into a table, changed as the memory buckets change, and written back whole. After two
 * quiet minutes every bucket would be full and every limit forgotten, so the hash expires then (or when the
 * pause ends, if later).
 */
const LIMITS_LUA = `${LUA_PRELUDE}
local LIMIT_MEMORY_MS = 60000
local QUIET_MS = 120000
local key = KEYS[1]
local now = clock()
local h = {}
local flat = redis.call('HGETALL', key)
for i = 1, #flat, 2 do h[flat[i]] = tonumber(flat[i + 1]) end

local function refill(b)
	local rate = h[b .. ':rate']
	h[b .. ':avail'] = math.min(rate, h[b .. ':avail'] + ((now - h[b .. ':at']) * rate) / 60000)
	h[b .. ':at'] = now
end

local function take(b, amount)
	refill(b)
	local rate = h[b .. ':rate']
	local needed = math.min(amount, rate)
	if h[b .. ':avail'] >= needed then
		h[b .. ':avail'] = h[b .. ':avail'] - amount
		return 0
	end
	return math.ceil(((needed - h[b .. ':avail']) * 60000) / rate)
end

local function adjust(b, amount)
	h[b .. ':avail'] = math.min(h[b .. ':rate'], h[b .. ':avail'] + amount)
end

-- The bucket at the strictest limit set within the last minute; true when there is one.
local function update(b, limit)
	if limit then h[b .. ':limit:' .. num(limit)] = now end
	local prefix = b .. ':limit:'
	local any, strictest = false, nil
	for field, seenAt in pairs(h) do
		if string.sub(field, 1, #prefix) == prefix then
			any = true
			local value = tonumber(string.sub(field, #prefix + 1))
			if now - seenAt > LIMIT_MEMORY_MS then h[field] = nil
			elseif strictest == nil or value < strictest then strictest = value end
		end
	end
	if not any then return h[b .. ':rate'] ~= nil end
	if strictest == nil then
		h[b .. ':rate'], h[b .. ':avail'], h[b .. ':at'] = nil, nil, nil
		return false
	end
	if h[b .. ':rate'] == nil then
		h[b .. ':rate'], h[b .. ':avail'], h[b .. ':at'] = strictest, strictest, now
	elseif h[b .. ':rate'] ~= strictest then
		refill(b)
		local taken = h[b .. ':rate'] - h[b .. ':avail']
		h[b .. ':rate'] = strictest
		h[b .. ':avail'] = strictest - taken
	end
	return true
end

local function save()
	redis.call('DEL', key)
	local fields = {}
	for field, value in pairs(h) do
		fields[#fields + 1] = field
		fields[#fields + 1] = num(value)
	end
	if #fields == 0 then return end
	redis.call('HSET', key, unpack(fields))
	redis.call('PEXPIRE', key, math.max(QUIET_MS, (h['paused'] or 0) - now))
end
`;

/** ARGV: clock, requests per minute, tokens per minute ('' when unset), estimated tokens. Returns [waitMs, paused]. */
export const TAKE_RATE_LIMIT_LUA = `${LIMITS_LUA}
local requests = update('r', tonumber(ARGV[2]))
local tokens = update('t', tonumber(ARGV[3]))
local pausedUntil = h['paused'] or 0
local paused = pausedUntil > now
local waitMs = 0
if paused then waitMs = pausedUntil - now end
if waitMs == 0 and requests then waitMs = take('r', 1) end
if waitMs == 0 and tokens then
	waitMs = take('t', tonumber(ARGV[4]))
	if waitMs > 0 and requests then adjust('r', 1) end
end
save()
return { num(waitMs), paused and 1 or 0 }
`;

/** ARGV: clock, estimated minus used tokens. Without a token budget there is nothing to settle, nor to write. */
export const SETTLE_RATE_LIMIT_LUA = `${LIMITS_LUA}
if h['t:rate'] == nil then return end
adjust('t', tonumber(ARGV[2]))
save()
`;

/** ARGV: clock, estimated tokens. A request taken and not made goes back to each bucket there is, with its tokens. */
export const GIVE_BACK_RATE_LIMIT_LUA = `${LIMITS_LUA}
if h['r:rate'] == nil and h['t:rate'] == nil then return end
if h['r:rate'] ~= nil then adjust('r', 1) end
if h['t:rate'] ~= nil then adjust('t', tonumber(ARGV[2])) end
save()
`;

/** ARGV: clock, pause in ms. */
export const PAUSE_RATE_LIMIT_LUA = `${LIMITS_LUA}
h['paused'] = math.max(h['paused'] or 0, now + tonumber(ARGV[2]))
save()
`;
