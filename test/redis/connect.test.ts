import { describe, expect, test } from "bun:test";
import { connectRedis, ping, redisReady } from "../../src/redis/connect";
import { connectTestRedis } from "./redis-test-support";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`connecting to Redis${services.because}`, () => {
  /** Nothing listens on port 1 of loopback: a Redis that is away. */
  const AWAY = "redis://127.0.0.1:1";

  test("ping answers true while Redis answers", async () => {
    const client = await connectTestRedis();
    expect(await ping(client)).toBe(true);
    client.disconnect();
  });

  test("with Redis away, ping answers false and a command fails at once instead of waiting", async () => {
    const client = connectRedis(AWAY);
    expect(await redisReady(client, 200)).toBe(false);
    expect(await ping(client)).toBe(false);
    await expect(client.incr("anything")).rejects.toThrow();
    client.disconnect();
  });
});
