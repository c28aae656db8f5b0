import { LUA_PRELUDE } from './lua-prelude';

/**
 * KEYS: the rotation. ARGV: clock, then the weights. Smooth weighted round robin as in memory
 * (SmoothWeightedRoundRobin): the weights given when the rotation began stay its weights (`w<i>`), beside each
 * running total (`c<i>`). A rotation unused for an hour starts over. Returns the index picked, from 0.
 */
export const ADVANCE_ROTATION_LUA = `${LUA_PRELUDE}
local UNUSED_MS = 3600000
local key = KEYS[1]
local count = #ARGV - 1
if tonumber(redis.call('HGET', key, 'n')) ~= count then
	redis.call('DEL', key)
	redis.call('HSET', key, 'n', count)
	for i = 1, count do redis.call('HSET', key, 'w' .. i, ARGV[i + 1], 'c' .. i, 0) end
end
local weights, current, total, best = {}, {}, 0, 1
for i = 1, count do
	weights[i] = tonumber(redis.call('HGET', key, 'w' .. i))
	current[i] = tonumber(redis.call('HGET', key, 'c' .. i))
	total = total + weights[i]
end
for i = 1, count do
	current[i] = current[i] + weights[i]
	if current[i] > current[best] then best = i end
end
current[best] = current[best] - total
for i = 1, count do redis.call('HSET', key, 'c' .. i, num(current[i])) end
redis.call('PEXPIRE', key, UNUSED_MS)
return best - 1
`;
