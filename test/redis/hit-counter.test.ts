import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Redis } from "ioredis";
import type { HitCounter } from "../../src/db/hit-counter";
import { redisHitCounter } from "../../src/redis/hit-counter";
import { connectTestRedis, removeKeys, testPrefix } from "./redis-test-support";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`the Redis hit counter${services.because}`, () => {
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
    test("the first hit opens a window whose key expires when it ends", async () => {
      const now = Date.now();
      expect(await counter.increment("first", 60_000, now)).toEqual({ hits: 1, resetAt: now + 60_000 });
      const left = await client.pttl(`${prefix}first`);
      expect(left).toBeGreaterThan(59_000);
      expect(left).toBeLessThanOrEqual(60_000);
    });

    test("windows follow the caller's clock, as on every backend", async () => {
      const start = Date.parse("2026-12-01T12:00:00Z");
      const steps = [
        { at: start, hits: 1, resetAt: start + 60_000 },
        { at: start + 59_999, hits: 2, resetAt: start + 60_000 },
        // The window's end belongs to the next one.
        { at: start + 60_000, hits: 1, resetAt: start + 120_000 },
        { at: start + 60_001, hits: 2, resetAt: start + 120_000 },
      ];
      for (const step of steps) expect(await counter.increment("clock", 60_000, step.at)).toEqual({ hits: step.hits, resetAt: step.resetAt });
    });

    test("a key whose window has ended in real time is gone", async () => {
      await counter.increment("short", 50, Date.now());
      await sleep(80);
      expect(await client.exists(`${prefix}short`)).toBe(0);
      expect((await counter.increment("short", 50, Date.now())).hits).toBe(1);
    });

    test("a key left without expiry is given one on its next hit", async () => {
      const now = Date.now();
      await client.hset(`${prefix}persisted`, "h", 5, "r", now + 60_000);
      expect((await counter.increment("persisted", 60_000, now)).hits).toBe(6);
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
      expect(await client.hget(`${prefix}floor`, "h")).toBe("0");
      expect((await counter.increment("floor", 60_000, now)).hits).toBe(1);
    });

    test("a hit given back after the window ended, by the caller's clock, changes nothing", async () => {
      const now = Date.now();
      await counter.increment("ended", 60_000, now);
      await counter.decrement("ended", now + 60_000);
      expect(await client.hget(`${prefix}ended`, "h")).toBe("1");
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
});
