/** A real Redis on loopback for the tests, with a fresh key prefix each, removed afterwards. */
import { afterAll, beforeAll } from "bun:test";
import type { Redis } from "ioredis";
import { connectRedis, redisReady } from "../../src/redis/connect";
import { services } from "../support/services";
import { tcpRelay } from "../support/tcp-relay";

export const REDIS_URL = "redis://127.0.0.1:6379";

/** A prefix no other run or test shares, so that tests in parallel never see each other's keys. */
export function testPrefix(): string {
  return `tablekeeper-test:${crypto.randomUUID()}:`;
}

export async function connectTestRedis(): Promise<Redis> {
  const client = connectRedis(REDIS_URL);
  if (!(await redisReady(client, 5_000))) throw new Error(`no Redis at ${REDIS_URL}`);
  return client;
}

/**
 * A prefix for this test file, with an admin connection opened before its tests and every key
 * under the prefix removed after them.
 */
export function useRedisPrefix(): { prefix: string; admin: () => Redis } {
  const prefix = testPrefix().slice(0, -1);
  let admin: Redis | undefined;
  // Where there is no Redis, the tests that need it are skipped, and there is nothing to remove.
  beforeAll(async () => {
    if (services.redis) admin = await connectTestRedis();
  });
  afterAll(async () => {
    if (!admin) return;
    await removeKeys(admin, prefix);
    admin.disconnect();
  });
  return { prefix, admin: () => admin! };
}

/** Deletes every key under `prefix`. */
export async function removeKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/** A relay in front of the test Redis, which a test can take away and bring back: Redis going down and coming back. */
export const redisRelay = () => tcpRelay(6379);
