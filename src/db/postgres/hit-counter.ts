import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { HitCounter } from "../hit-counter";
import type { PostgresDb } from "./open";
import { rateLimits } from "./schema";

/** Hit counters in PostgreSQL, shared by every instance. One statement a hit; the upsert's row lock makes it atomic. */
export function postgresHitCounter(db: PostgresDb): HitCounter {
  return {
    async increment(key, windowMs, now) {
      const ended = sql`${rateLimits.resetAt} <= ${now}::bigint`;
      const [row] = await db
        .insert(rateLimits)
        .values({ key, hits: 1, resetAt: now + windowMs })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            hits: sql`case when ${ended} then 1 else ${rateLimits.hits} + 1 end`,
            resetAt: sql`case when ${ended} then ${now + windowMs}::bigint else ${rateLimits.resetAt} end`,
          },
        })
        .returning({ hits: rateLimits.hits, resetAt: rateLimits.resetAt });
      return row!;
    },
    async decrement(key, now) {
      await db
        .update(rateLimits)
        .set({ hits: sql`${rateLimits.hits} - 1` })
        .where(and(eq(rateLimits.key, key), gt(rateLimits.resetAt, now), gt(rateLimits.hits, 0)));
    },
    async reset(key) {
      await db.delete(rateLimits).where(eq(rateLimits.key, key));
    },
    async prune(now) {
      return (await db.delete(rateLimits).where(lte(rateLimits.resetAt, now)).returning({ key: rateLimits.key })).length;
    },
  };
}
