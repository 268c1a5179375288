import type { Redis, Result } from "ioredis";
import type { HitCounter } from "../db/hit-counter";

/**
 * Counts a hit at the caller's instant ARGV[1] in a window of ARGV[2] ms and answers [hits,
 * resetAt]. A key is a hash of its hits (`h`) and its window's end (`r`); a window that has
 * ended by the caller's clock starts over, as on every backend. Every hit sets the key to expire
 * when its window ends, in the same script, so no key is ever left without an expiry.
 */
const INCREMENT = `
local now = tonumber(ARGV[1])
local resetAt = tonumber(redis.call('HGET', KEYS[1], 'r'))
local hits
if resetAt == nil or resetAt <= now then
  resetAt = now + tonumber(ARGV[2])
  hits = 1
  redis.call('HSET', KEYS[1], 'h', 1, 'r', resetAt)
else
  hits = redis.call('HINCRBY', KEYS[1], 'h', 1)
end
redis.call('PEXPIRE', KEYS[1], math.max(1, resetAt - now))
return {hits, resetAt}`;

/** A hit given back within its window, by the caller's clock; never below zero. */
const DECREMENT = `
local resetAt = tonumber(redis.call('HGET', KEYS[1], 'r'))
local hits = tonumber(redis.call('HGET', KEYS[1], 'h') or '0')
if resetAt ~= nil and resetAt > tonumber(ARGV[1]) and hits > 0 then redis.call('HINCRBY', KEYS[1], 'h', -1) end
return 0`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    tablekeeperHitIncrement(key: string, now: number, windowMs: number): Result<[number, number], Context>;
    tablekeeperHitDecrement(key: string, now: number): Result<number, Context>;
  }
}

/**
 * Fixed-window counters in Redis, shared by every instance. The issue offers hono-rate-limiter's
 * RedisStore or an equally atomic script; we keep our `HitCounter`, because the failed-API-key
 * limit and the log-in limits count through it outside hono-rate-limiter, so each operation is
 * one Lua script, atomic on the server. The caller's clock decides when a window ends, as the
 * interface says and the other backends do (instances keep their clocks in step with NTP, to
 * well within a window); the key's expiry only clears it away. Keys start with `prefix`.
 */
export function redisHitCounter(client: Redis, prefix: string): HitCounter {
  // defineCommand runs the script by its SHA and loads it again after a Redis restart.
  client.defineCommand("tablekeeperHitIncrement", { numberOfKeys: 1, lua: INCREMENT });
  client.defineCommand("tablekeeperHitDecrement", { numberOfKeys: 1, lua: DECREMENT });
  return {
    async increment(key, windowMs, now) {
      const [hits, resetAt] = await client.tablekeeperHitIncrement(prefix + key, now, windowMs);
      return { hits, resetAt };
    },
    async decrement(key, now) {
      await client.tablekeeperHitDecrement(prefix + key, now);
    },
    // One command is atomic by itself.
    async reset(key) {
      await client.del(prefix + key);
    },
    // Every window expires by itself.
    async prune() {
      return 0;
    },
  };
}
