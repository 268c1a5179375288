import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Redis } from "ioredis";
import type { HitCounter } from "../../src/db/hit-counter";
import { redisHitCounter } from "../../src/redis/hit-counter";
import { connectTestRedis, removeKeys, testPrefix } from "./redis-test-support";

let client: Redis;
let counter: HitCounter;
const prefix = testPrefix();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  client = await connectTestRedis();
  counter = redisHitCounter(client, prefix);
});

afterAll(async () => {
  await removeKeys(client, prefix);
  client.disconnect();
});

describe("redisHitCounter windows", () => {
  test("the first hit opens a window whose key expires with it", async () => {
    const now = Date.now();
    const { hits, resetAt } = await counter.increment("first", 60_000, now);
    const left = await client.pttl(`${prefix}first`);
    expect(hits).toBe(1);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(60_000);
    expect(resetAt - now).toBeGreaterThanOrEqual(left);
    expect(resetAt - now).toBeLessThanOrEqual(60_000);
  });

  test("the window's end comes from Redis, whatever the caller's clock says", async () => {
    const first = await counter.increment("clock", 60_000, 0);
    expect(first).toEqual({ hits: 1, resetAt: expect.any(Number) });
    expect(first.resetAt).toBeLessThanOrEqual(60_000);
    // A caller whose clock is far past the window's end still counts in the same window.
    const later = await counter.increment("clock", 60_000, 10 * 60_000);
    expect(later.hits).toBe(2);
    expect(later.resetAt - 10 * 60_000).toBeLessThanOrEqual(60_000);
  });

  test("a hit after the window ended opens a new one", async () => {
    await counter.increment("short", 50, Date.now());
    await counter.increment("short", 50, Date.now());
    await sleep(80);
    expect((await counter.increment("short", 50, Date.now())).hits).toBe(1);
  });

  test("a key left without expiry is given the window on its next hit", async () => {
    await client.set(`${prefix}persisted`, "5");
    expect((await counter.increment("persisted", 60_000, Date.now())).hits).toBe(6);
    expect(await client.pttl(`${prefix}persisted`)).toBeGreaterThan(0);
  });

  test("100 hits at once each see their own count, 1 to 100", async () => {
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 100 }, () => counter.increment("burst", 60_000, now)));
    expect(answers.map((answer) => answer.hits).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1));
  });
});

describe("redisHitCounter refunds and resets", () => {
  test("a hit given back within the window frees its place", async () => {
    const now = Date.now();
    await counter.increment("refund", 60_000, now);
    await counter.increment("refund", 60_000, now);
    await counter.decrement("refund", now);
    expect((await counter.increment("refund", 60_000, now)).hits).toBe(2);
  });

  test("giving back more hits than were counted stops at zero", async () => {
    const now = Date.now();
    await counter.increment("floor", 60_000, now);
    await counter.decrement("floor", now);
    await counter.decrement("floor", now);
    expect(await client.get(`${prefix}floor`)).toBe("0");
    expect((await counter.increment("floor", 60_000, now)).hits).toBe(1);
  });

  test("a hit given back after the window ended changes nothing", async () => {
    await counter.increment("ended", 50, Date.now());
    await sleep(80);
    await counter.decrement("ended", Date.now());
    expect(await client.exists(`${prefix}ended`)).toBe(0);
  });

  test("reset forgets the window; prune has nothing to do", async () => {
    const now = Date.now();
    await counter.increment("reset", 60_000, now);
    await counter.reset("reset");
    expect(await client.exists(`${prefix}reset`)).toBe(0);
    expect((await counter.increment("reset", 60_000, now)).hits).toBe(1);
    expect(await counter.prune(now + 120_000)).toBe(0);
  });

  test("counters under different prefixes never share a window", async () => {
    const other = redisHitCounter(client, `${prefix}other:`);
    const now = Date.now();
    await counter.increment("shared-name", 60_000, now);
    expect((await other.increment("shared-name", 60_000, now)).hits).toBe(1);
  });
});
