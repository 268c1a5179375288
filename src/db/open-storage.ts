import type { Logger } from "../lib/logger";
import type { Settings } from "../settings";
import { openSqliteStorage } from "./sqlite/storage";
import type { Storage } from "./storage";

/**
 * The storage the settings ask for: the embedded SQLite file unless DATABASE_URL is a
 * postgres:// URL, with the limits counted in Redis when REDIS_URL is set, so that every instance
 * counts in the same windows. The PostgreSQL and Redis clients are loaded only when asked for,
 * so the embedded default does not pay for them.
 */
export async function openStorage(settings: Pick<Settings, "database" | "redis">, logger?: Logger): Promise<Storage> {
  const { database } = settings;
  const storage =
    database.kind === "sqlite" ? openSqliteStorage(database.path) : await (await import("./postgres/storage")).openPostgresStorage(database);
  return settings.redis ? withRedisLimits(storage, settings.redis, logger) : storage;
}

/** The storage with its limits counted in Redis, under the settings' prefix. */
export async function withRedisLimits(storage: Storage, redis: NonNullable<Settings["redis"]>, logger?: Logger): Promise<Storage> {
  const { connectRedis, redisReady } = await import("../redis/connect");
  const { redisHitCounter } = await import("../redis/hit-counter");
  const client = connectRedis(redis.url, { logger });
  // Waiting briefly keeps the first requests from a 503; if Redis is away, the limits answer 503 until it is back.
  if (!(await redisReady(client, 5_000))) logger?.warn("redis not reachable at start-up; rate limits answer 503 until it is");
  const counter = redisHitCounter(client, `${redis.prefix}:limits:`);
  return {
    ...storage,
    hitCounter: counter,
    requestCounter: counter,
    async close() {
      client.disconnect();
      await storage.close();
    },
  };
}
