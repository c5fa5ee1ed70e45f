// The budget's two Lua scripts. Each runs atomically on the Redis server, so every proxy instance that
// shares the server and prefix sees one budget, counted by one clock (Redis's `TIME`).
//
// Why a sliding-window log and not rate-limiter-flexible's `RateLimiterRedis`: that one counts in fixed
// windows that start at a key's first request. A burst at the end of one window and another at the start
// of the next both pass, so up to twice the limit reaches Omni within one `windowMs`, and Omni (which
// counts over a sliding window) answers 429. A log of when each slot was taken answers "how many in the
// last `windowMs`" exactly, at any moment; test/server/redis/slidingBudget.test.ts shows both side by side.
//
// Times are kept in whole microseconds (`TIME` gives seconds and microseconds): about 1.8e15 today, an
// integer that Lua's doubles and sorted-set scores hold exactly, so no rounding can let one slot too many
// through at a window's edge.

/**
 * `takeSlot`: KEYS[1] the budget's sorted set; ARGV limit, windowMs, holdMs, a random suffix.
 * Trims slots counted before `now - window`, counts the rest (including slots still held into the
 * future), and adds one held until `now + hold` when fewer than `limit` remain. Answers
 * `{1, slot}`, the slot being `<now in µs>:<suffix>`, or `{0, retryInMs}`: the wait until enough of
 * the oldest slots leave the window for one more to fit (at least 1).
 */
export const TAKE_SLOT_SCRIPT = `
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2]) * 1000
local hold = tonumber(ARGV[3]) * 1000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local held = redis.call('ZCARD', key)
if held < limit then
  local slot = time[1] .. string.format('%06d', tonumber(time[2])) .. ':' .. ARGV[4]
  redis.call('ZADD', key, now + hold, slot)
  redis.call('PEXPIRE', key, math.ceil((window + hold) / 1000) + 1)
  return {1, slot}
end
local oldest = redis.call('ZRANGE', key, held - limit, held - limit, 'WITHSCORES')
local wait = math.ceil((tonumber(oldest[2]) + window - now) / 1000)
if wait < 1 then wait = 1 end
return {0, wait}
`;

/**
 * `restampSlot`: KEYS[1] the budget's sorted set; ARGV[1] the slot. Counts the slot from now, only while
 * it is still there (a slot already trimmed is not brought back). Usually that is earlier than the hold;
 * when the answer took longer than the hold it is later, and the key's expiry moves with it.
 */
export const RESTAMP_SLOT_SCRIPT = `
local key = KEYS[1]
local old = redis.call('ZSCORE', key, ARGV[1])
if not old then return 0 end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
redis.call('ZADD', key, 'XX', now, ARGV[1])
local later = now - tonumber(old)
local ttl = redis.call('PTTL', key)
if later > 0 and ttl > 0 then redis.call('PEXPIRE', key, ttl + math.ceil(later / 1000)) end
return 1
`;
