import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { ClaimedNotification, JobStore, NotificationEntry, ReservationAt } from "../job-store";
import type { ReservationRow } from "../repository";
import { movedOnByClock } from "./live-state";
import { bumpHoldsVersion } from "./occupancy";
import type { PostgresDb } from "./open";
import { asReservation, writeRows } from "./repository";
import { outbox, reservations, restaurants } from "./schema";
import { type Executor, transaction } from "./transaction";

const entryColumns = {
  id: outbox.id,
  reservationId: outbox.reservationId,
  kind: outbox.kind,
  channel: outbox.channel,
  subscriber: outbox.subscriber,
  state: outbox.state,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
  updatedAt: outbox.updatedAt,
};

/** Each row with what a message says of its restaurant. */
async function withRestaurants(run: Executor, rows: ReservationRow[]): Promise<ReservationAt[]> {
  if (rows.length === 0) return [];
  const found = await run
    .select({ id: restaurants.id, name: restaurants.name, timeZone: restaurants.timeZone, externalId: restaurants.externalId })
    .from(restaurants)
    .where(inArray(restaurants.id, [...new Set(rows.map((row) => row.restaurantId))]));
  const byId = new Map(found.map((restaurant) => [restaurant.id, restaurant]));
  return rows.map((row) => ({ row, restaurant: byId.get(row.restaurantId)! }));
}

export function postgresJobStore(db: PostgresDb): JobStore {
  return {
    async applyAutomaticTransitions(cutoffs, limit, plan) {
      return transaction(db, async (tx) => {
        // SKIP LOCKED: a row a booking or another sweep holds is left for the next sweep, and a
        // row another sweep has moved no longer matches once its lock is gone.
        const due = await tx
          .select()
          .from(reservations)
          .where(movedOnByClock(cutoffs))
          .orderBy(asc(reservations.startsAt), asc(reservations.id))
          .limit(limit)
          .for("update", { skipLocked: true });
        const writes = (await withRestaurants(tx, due.map(asReservation))).map(plan);
        for (const { row } of writes) await tx.update(reservations).set(row).where(eq(reservations.id, row.id));
        for (const write of writes) await writeRows(tx, write.log, write.notifications, write.row.updatedAt);
        await bumpHoldsVersion(tx, writes.map((write) => write.row.restaurantId));
        return writes.map((write) => write.row);
      });
    },

    async upcomingStarting(after, atOrBefore) {
      const rows = await db
        .select()
        .from(reservations)
        .where(and(eq(reservations.status, 0), gt(reservations.startsAt, after), lte(reservations.startsAt, atOrBefore)))
        .orderBy(asc(reservations.startsAt), asc(reservations.id));
      return withRestaurants(db, rows.map(asReservation));
    },

    async queueNotifications(messages, now) {
      if (messages.length === 0) return 0;
      return transaction(db, (tx) => writeRows(tx, [], messages, now));
    },

    async claimNotifications(now, limit, leaseMs) {
      // SKIP LOCKED: two sweeps at once take different entries instead of waiting for each other.
      const due = db
        .select({ id: outbox.id })
        .from(outbox)
        .where(or(and(eq(outbox.state, "pending"), lte(outbox.nextAttemptAt, now)), and(eq(outbox.state, "sending"), lte(outbox.updatedAt, now - leaseMs))))
        .orderBy(asc(outbox.id))
        .limit(limit)
        .for("update", { skipLocked: true });
      const claimed = await db
        .update(outbox)
        .set({ state: "sending", attempts: sql`${outbox.attempts} + 1`, updatedAt: now })
        .where(inArray(outbox.id, due))
        .returning({
          id: outbox.id,
          dedupeKey: outbox.dedupeKey,
          reservationId: outbox.reservationId,
          kind: outbox.kind,
          channel: outbox.channel,
          subscriber: outbox.subscriber,
          payload: outbox.payload,
          attempts: outbox.attempts,
          createdAt: outbox.createdAt,
        });
      return claimed.sort((a, b) => a.id - b.id) satisfies ClaimedNotification[];
    },

    async finishNotification(id, now, outcome) {
      await db.update(outbox).set({ state: outcome, lastError: null, updatedAt: now }).where(eq(outbox.id, id));
    },

    async failNotification(id, now, error, retryAt) {
      await db
        .update(outbox)
        .set({ state: retryAt === null ? "dead" : "pending", lastError: error.slice(0, 500), nextAttemptAt: retryAt ?? sql`${outbox.nextAttemptAt}`, updatedAt: now })
        .where(eq(outbox.id, id));
    },

    async outboxDepth() {
      const [row] = await db.select({ n: count() }).from(outbox).where(inArray(outbox.state, ["pending", "sending"]));
      return row!.n;
    },

    async pruneOutbox(before) {
      const pruned = await db
        .delete(outbox)
        .where(and(inArray(outbox.state, ["sent", "skipped", "dead"]), lt(outbox.updatedAt, before)))
        .returning({ id: outbox.id });
      return pruned.length;
    },

    async listNotifications({ state, limit, afterId }) {
      const rows: NotificationEntry[] = await db
        .select(entryColumns)
        .from(outbox)
        .where(and(state ? eq(outbox.state, state) : undefined, gt(outbox.id, afterId ?? 0)))
        .orderBy(asc(outbox.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      return { items, next: rows.length > limit ? items[items.length - 1]!.id : null };
    },

    async getNotification(id) {
      const [row] = await db.select(entryColumns).from(outbox).where(eq(outbox.id, id));
      return row ?? null;
    },

    async requeueNotification(id, now) {
      const [row] = await db
        .update(outbox)
        .set({ state: "pending", attempts: 0, nextAttemptAt: now, updatedAt: now })
        .where(and(eq(outbox.id, id), eq(outbox.state, "dead")))
        .returning(entryColumns);
      return row ?? null;
    },

    async restaurantsDueForData(okBefore, now, limit) {
      return db
        .select({ id: restaurants.id, name: restaurants.name, timeZone: restaurants.timeZone, externalId: sql<string>`${restaurants.externalId}`, failures: restaurants.dataFailures })
        .from(restaurants)
        .where(
          and(
            isNotNull(restaurants.externalId),
            or(
              isNull(restaurants.dataCheckedAt),
              and(isNull(restaurants.dataError), lte(restaurants.dataCheckedAt, okBefore)),
              and(isNotNull(restaurants.dataError), lte(restaurants.dataRetryAt, now)),
            ),
          ),
        )
        .orderBy(sql`coalesce(${restaurants.dataCheckedAt}, 0)`, sql`${restaurants.id} collate "C"`)
        .limit(limit);
    },

    async saveRestaurantData(id, now, result) {
      if ("error" in result) {
        await db
          .update(restaurants)
          .set({ dataCheckedAt: now, dataError: result.error.slice(0, 500), dataFailures: sql`${restaurants.dataFailures} + 1`, dataRetryAt: result.retryAt })
          .where(eq(restaurants.id, id));
        return false;
      }
      return transaction(db, async (tx) => {
        const [before] = await tx.select({ rating: restaurants.rating, reviewCount: restaurants.reviewCount }).from(restaurants).where(eq(restaurants.id, id)).for("update");
        await tx
          .update(restaurants)
          .set({ rating: result.rating, reviewCount: result.reviewCount, dataCheckedAt: now, dataError: null, dataFailures: 0, dataRetryAt: null })
          .where(eq(restaurants.id, id));
        return before?.rating !== result.rating || before?.reviewCount !== result.reviewCount;
      });
    },

    async restaurantDataFailing() {
      const [row] = await db.select({ n: count() }).from(restaurants).where(isNotNull(restaurants.dataError));
      return row!.n;
    },
  };
}
