import { and, eq, lte } from "drizzle-orm";
import type { IdempotencyClaim, IdempotencyStore } from "../idempotency-store";
import type { PostgresDb } from "./open";
import { idempotencyKeys } from "./schema";
import { transaction } from "./transaction";

const keyIs = (scope: string, key: string) => and(eq(idempotencyKeys.apiKeyName, scope), eq(idempotencyKeys.key, key));

/** Idempotency keys beside the bookings they are linked to, so that the link commits with the booking. */
export function postgresIdempotencyStore(db: PostgresDb): IdempotencyStore {
  return {
    async claim(scope, key, requestHash, now, expiresAt, staleBefore) {
      // Two first requests at once: one inserts, the other finds nothing inserted and reads the
      // first one's row on its next turn.
      for (;;) {
        const claim = await transaction(db, async (tx): Promise<IdempotencyClaim | null> => {
          const [row] = await tx.select().from(idempotencyKeys).where(keyIs(scope, key)).for("update");
          const abandoned = row?.state === "in_flight" && row.createdAt <= staleBefore;
          if (row && row.expiresAt > now && (!abandoned || row.resourceId)) {
            if (row.requestHash !== requestHash) return { outcome: "mismatch" };
            if (abandoned) return { outcome: "committed", resourceId: row.resourceId! };
            if (row.state === "in_flight") return { outcome: "in_flight" };
            return { outcome: "replay", response: { status: row.responseStatus!, headers: row.responseHeaders ?? {}, body: row.responseBody ?? "" } };
          }
          if (row) await tx.delete(idempotencyKeys).where(keyIs(scope, key));
          const inserted = await tx
            .insert(idempotencyKeys)
            .values({ apiKeyName: scope, key, requestHash, state: "in_flight", createdAt: now, expiresAt })
            .onConflictDoNothing()
            .returning({ key: idempotencyKeys.key });
          return inserted.length > 0 ? { outcome: "claimed" } : null;
        });
        if (claim) return claim;
      }
    },
    async complete(scope, key, response) {
      await db
        .update(idempotencyKeys)
        .set({ state: "done", responseStatus: response.status, responseHeaders: response.headers, responseBody: response.body })
        .where(keyIs(scope, key));
    },
    async release(scope, key) {
      await db.delete(idempotencyKeys).where(keyIs(scope, key));
    },
    async prune(now) {
      return (await db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key })).length;
    },
  };
}
