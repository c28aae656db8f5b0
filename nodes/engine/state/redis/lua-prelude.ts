/**
 * Shared by every script. ARGV[1] is the clock: empty for Redis's own (TIME), so that workers with skewed clocks
 * agree; a number only where a test drives time. Numbers are written with 17 digits so that a value read back
 * is the double that was written, and decaying means and rotations come out exactly as in memory.
 */
export const LUA_PRELUDE = `
local function clock()
	if ARGV[1] ~= '' then return tonumber(ARGV[1]) end
	local time = redis.call('TIME')
	return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local function num(value)
	return string.format('%.17g', value)
end
`;
