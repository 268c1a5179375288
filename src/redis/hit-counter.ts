import type { Redis, Result } from "ioredis";
import type { HitCounter } from "../db/hit-counter";

/**
 * Counts a hit and answers [hits, milliseconds left in the window]. The first hit of a window
 * sets its expiry in the same script, so no key is ever left without one; a key found without
 * one (written by hand, or PERSISTed) is given the window too rather than counting for ever.
 */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  left = tonumber(ARGV[1])
end
return {hits, left}`;

/** A key exists only within its window, so a hit given back after the window ends finds nothing. */
const DECREMENT = `
local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
if hits > 0 and redis.call('PTTL', KEYS[1]) > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    tablekeeperHitIncrement(key: string, windowMs: number): Result<[number, number], Context>;
    tablekeeperHitDecrement(key: string): Result<number, Context>;
  }
}

/**
 * Fixed-window counters in Redis, shared by every instance. The issue offers hono-rate-limiter's
 * RedisStore or an equally atomic script; we keep our `HitCounter`, because the failed-API-key
 * limit and the log-in limits count through it outside hono-rate-limiter, so each operation is
 * one Lua script, atomic on the server. Redis's clock decides when a window ends (the key's
 * PTTL): the instances' clocks may differ, and the caller's `now` only turns the time left
 * into an instant. Keys start with `prefix`.
 */
export function redisHitCounter(client: Redis, prefix: string): HitCounter {
  // defineCommand runs the script by its SHA and loads it again after a Redis restart.
  client.defineCommand("tablekeeperHitIncrement", { numberOfKeys: 1, lua: INCREMENT });
  client.defineCommand("tablekeeperHitDecrement", { numberOfKeys: 1, lua: DECREMENT });
  return {
    async increment(key, windowMs, now) {
      const [hits, left] = await client.tablekeeperHitIncrement(prefix + key, windowMs);
      return { hits, resetAt: now + left };
    },
    async decrement(key) {
      await client.tablekeeperHitDecrement(prefix + key);
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
