/**
 * What the instances of a scaled-out test run share: one PostgreSQL database of the run's own,
 * and Redis under a prefix of the run's own, both removed when the run ends.
 */
import { connectTestRedis, REDIS_URL, removeKeys, testPrefix } from "../redis/redis-test-support";
import { createTestDatabase } from "./postgres";

export async function scaleOutRun() {
  const database = await createTestDatabase();
  const prefix = testPrefix().replace(/:$/, "");
  return {
    databaseUrl: database.url,
    /** The environment every instance, worker and job of the run starts with. */
    env: { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix } as Record<string, string>,
    async cleanUp() {
      const redis = await connectTestRedis();
      await removeKeys(redis, `${prefix}:`);
      redis.disconnect();
      await database.drop();
    },
  };
}
