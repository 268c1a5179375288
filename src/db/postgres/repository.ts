import { and, asc, desc, eq, getTableColumns, gt, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { StatusCode } from "../../domain/reservation-status";
import type { BookedSeats, Restaurant, SeatHold, SpecialDays } from "../../domain/restaurant";
import type { LiveCutoffs, OutboxMessage, Repository, ReservationRow, StatusLogEntry } from "../repository";
import { holdsSeats, liveState } from "./live-state";
import { bumpHoldsVersion, postgresOccupancy } from "./occupancy";
import { overlapping } from "./overlap";
import { likePattern, logRow, page, storedLogEntry, unstorable } from "../rows";
import type { PostgresDb } from "./open";
import { idempotencyKeys, outbox, reservations, restaurants, specialDays, statusLog } from "./schema";
import { type Executor, transaction, type Tx } from "./transaction";

// The restaurant-data bookkeeping and the holds version are storage's, not part of a restaurant.
const { dataCheckedAt: _checked, dataError: _error, dataFailures: _failures, dataRetryAt: _retryAt, holdsVersion: _version, ...restaurantColumns } =
  getTableColumns(restaurants);

export const asReservation = (row: typeof reservations.$inferSelect): ReservationRow => ({ ...row, status: row.status as StatusCode });
const restaurantRow = ({ specialDays: _days, ...row }: Restaurant) => row;
/** SQLite's order for names: by code point, whatever the database's collation. */
const byCodePoint = (column: AnyPgColumn) => sql`${column} collate "C"`;

/** A restaurant with its special days, in one statement (jsonb keeps the dates in order). */
const restaurantWithDays = {
  ...restaurantColumns,
  specialDays: sql<SpecialDays>`coalesce((select jsonb_object_agg(date, hours) from special_days where restaurant_id = ${restaurants.id}), '{}'::jsonb)`,
};

async function replaceSpecialDays(tx: Executor, restaurant: Restaurant) {
  await tx.delete(specialDays).where(eq(specialDays.restaurantId, restaurant.id));
  const days = Object.entries(restaurant.specialDays).map(([date, hours]) => ({ restaurantId: restaurant.id, date, hours }));
  if (days.length > 0) await tx.insert(specialDays).values(days);
}

/** The live holds on a restaurant's seats in [from, to), leaving out `excludeId`: what a seat check counts. */
async function liveHolds(run: Executor, restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs, excludeId: string): Promise<SeatHold[]> {
  return run
    .select({ startsAt: reservations.startsAt, endsAt: reservations.endsAt, guestCount: reservations.guestCount })
    .from(reservations)
    .where(and(overlapping(restaurantId, from, to), ne(reservations.id, excludeId), holdsSeats(cutoffs)));
}

/** The rows and messages of one write, in the caller's transaction. */
export async function writeRows(tx: Tx, entries: StatusLogEntry[], messages: readonly OutboxMessage[], now: number): Promise<number> {
  if (entries.length > 0) {
    await tx.insert(statusLog).values(entries.map(logRow));
  }
  if (messages.length === 0) return 0;
  const queued = await tx
    .insert(outbox)
    .values(messages.map((message) => ({ ...message, state: "pending" as const, attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now })))
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return queued.length;
}

export function createPostgresRepository(db: PostgresDb): Repository {
  const reservationById = (run: Executor, id: string) => run.select().from(reservations).where(eq(reservations.id, id));
  const occupancy = postgresOccupancy(db);
  // The reads nearly every request makes, built once and prepared on each connection: through
  // the query builder per call they cost four times as much CPU as the statement itself.
  const id = sql.placeholder("id");
  const reservationPrepared = db.select().from(reservations).where(eq(reservations.id, id)).prepare("reservation_by_id");
  const restaurantPrepared = db.select(restaurantWithDays).from(restaurants).where(eq(restaurants.id, id)).prepare("restaurant_by_id");

  return {
    async countRestaurants() {
      return db.$count(restaurants);
    },

    async insertRestaurants(rows) {
      await transaction(db, async (tx) => {
        for (const row of rows) {
          const inserted = await tx.insert(restaurants).values(restaurantRow(row)).onConflictDoNothing().returning({ id: restaurants.id });
          if (inserted.length > 0) await replaceSpecialDays(tx, row);
        }
      });
    },

    async getRestaurant(id) {
      if (unstorable(id)) return null;
      const [restaurant] = await restaurantPrepared.execute({ id });
      return restaurant ?? null;
    },

    async listRestaurants(query) {
      if (unstorable(query.q, query.cuisine, query.after?.name, query.after?.id, ...(query.restaurantIds ?? []))) return { items: [], next: null };
      const pattern = query.q ? likePattern(query.q) : "";
      const { name, id, cuisine, address } = restaurants;
      const rows = await db
        .select(restaurantWithDays)
        .from(restaurants)
        .where(
          and(
            isNull(restaurants.archivedAt),
            query.restaurantIds ? inArray(id, [...query.restaurantIds]) : undefined,
            query.q ? sql`(${name} ilike ${pattern} or ${cuisine} ilike ${pattern} or ${address} ilike ${pattern})` : undefined,
            query.cuisine ? sql`lower(${cuisine}) = lower(${query.cuisine})` : undefined,
            query.after
              ? or(sql`${byCodePoint(name)} > ${query.after.name}`, and(eq(name, query.after.name), sql`${byCodePoint(id)} > ${query.after.id}`))
              : undefined,
          ),
        )
        .orderBy(byCodePoint(name), byCodePoint(id))
        .limit(query.limit + 1);
      return page(rows, query.limit, (last) => ({ name: last.name, id: last.id }));
    },

    async writeRestaurant(id, cutoffs, plan) {
      // No restaurant has such an id: the plan decides as for one that does not exist.
      if (unstorable(id)) {
        if (plan(null, [])) throw new Error("a restaurant id cannot hold NUL");
        return null;
      }
      return transaction(db, async (tx) => {
        // The row lock serializes this change with every seat check of the restaurant.
        const [current = null] = await tx.select(restaurantWithDays).from(restaurants).where(eq(restaurants.id, id)).for("update");
        const booked: BookedSeats[] = (
          await tx
            .select({ id: reservations.id, startsAt: reservations.startsAt, endsAt: reservations.endsAt, guestCount: reservations.guestCount, status: reservations.status })
            .from(reservations)
            .where(and(eq(reservations.restaurantId, id), holdsSeats(cutoffs)))
            .orderBy(asc(reservations.startsAt), asc(reservations.id))
        ).map(({ status, ...seat }) => ({ ...seat, upcoming: status === 0 }));
        const next = plan(current, booked);
        if (!next) return current;
        if (current) await tx.update(restaurants).set(restaurantRow(next)).where(eq(restaurants.id, id));
        else await tx.insert(restaurants).values(restaurantRow(next));
        await replaceSpecialDays(tx, next);
        if (current && current.diningMinutes !== next.diningMinutes) {
          await tx
            .update(reservations)
            .set({ endsAt: sql`starts_at + ${next.diningMinutes * 60_000}::bigint` })
            .where(and(eq(reservations.restaurantId, id), liveState("upcoming", cutoffs)));
          await bumpHoldsVersion(tx, [id]);
        }
        return next;
      });
    },

    async cuisines() {
      const rows = await db
        .select({ cuisine: restaurants.cuisine })
        .from(restaurants)
        .where(isNull(restaurants.archivedAt))
        .groupBy(restaurants.cuisine)
        .orderBy(byCodePoint(restaurants.cuisine));
      return rows.map((row) => row.cuisine);
    },

    async getReservation(id) {
      if (unstorable(id)) return null;
      const [row] = await reservationPrepared.execute({ id });
      return row ? asReservation(row) : null;
    },

    async getReservationByLink(guestLinkHash) {
      if (unstorable(guestLinkHash)) return null;
      const [row] = await db.select().from(reservations).where(eq(reservations.guestLinkHash, guestLinkHash));
      return row ? asReservation(row) : null;
    },

    async listReservationsOfOwner(ownerUserId, limit, before) {
      const { startsAt, id } = reservations;
      const rows = await db
        .select()
        .from(reservations)
        .where(
          and(
            eq(reservations.ownerUserId, ownerUserId),
            before ? or(lt(startsAt, before.startsAt), and(eq(startsAt, before.startsAt), sql`${byCodePoint(id)} < ${before.id}`)) : undefined,
          ),
        )
        .orderBy(desc(startsAt), desc(byCodePoint(id)))
        .limit(limit + 1);
      return page(rows.map(asReservation), limit, (last) => ({ startsAt: last.startsAt, id: last.id }));
    },

    async claimReservation(id, ownerUserId) {
      const claimed = await db
        .update(reservations)
        .set({ ownerUserId })
        .where(and(eq(reservations.id, id), isNull(reservations.ownerUserId)))
        .returning({ id: reservations.id });
      return claimed.length > 0;
    },

    async countBookingsMade(restaurantIds, from, to) {
      if (restaurantIds.length === 0) return new Map();
      const rows = await db
        .select({ restaurantId: reservations.restaurantId, n: sql<number>`count(*)::int` })
        .from(reservations)
        .where(and(inArray(reservations.restaurantId, [...restaurantIds]), gte(reservations.createdAt, from), lt(reservations.createdAt, to)))
        .groupBy(reservations.restaurantId);
      return new Map(rows.map((row) => [row.restaurantId, row.n]));
    },

    async listReservations(query) {
      if (unstorable(query.restaurantId, query.phone, query.after?.id, ...(query.restaurantIds ?? []))) return { items: [], next: null };
      const { restaurantId, phone, startsAt, id } = reservations;
      const rows = await db
        .select()
        .from(reservations)
        .where(
          and(
            query.restaurantId !== undefined ? eq(restaurantId, query.restaurantId) : undefined,
            query.restaurantIds !== undefined ? (query.restaurantIds.length > 0 ? inArray(restaurantId, [...query.restaurantIds]) : sql`false`) : undefined,
            query.phone !== undefined ? eq(phone, query.phone) : undefined,
            query.from !== undefined ? gte(startsAt, query.from) : undefined,
            query.to !== undefined ? lt(startsAt, query.to) : undefined,
            query.state ? liveState(query.state.state, query.state.cutoffs) : undefined,
            query.after ? or(gt(startsAt, query.after.startsAt), and(eq(startsAt, query.after.startsAt), sql`${byCodePoint(id)} > ${query.after.id}`)) : undefined,
          ),
        )
        .orderBy(asc(startsAt), asc(byCodePoint(id)))
        .limit(query.limit + 1);
      return page(rows.map(asReservation), query.limit, (last) => ({ startsAt: last.startsAt, id: last.id }));
    },

    async seatHolds(restaurantId, from, to, cutoffs) {
      return occupancy.holds(restaurantId, from, to, cutoffs);
    },

    async writeReservation(id, plan) {
      // No reservation has such an id: the plan refuses as for one that does not exist.
      if (unstorable(id)) {
        plan(null);
        throw new Error("a reservation id cannot hold NUL");
      }
      return transaction(db, async (tx) => {
        // The reservation's row lock makes concurrent changes of one reservation take turns.
        const [stored] = await reservationById(tx, id).for("update");
        const current = stored ? asReservation(stored) : null;
        const decided = plan(current);
        if (!decided) {
          if (!current) throw new Error(`writeReservation: nothing to write and no reservation ${id}`);
          return current;
        }
        const { row, seatCheck } = decided;
        if (seatCheck) {
          // The restaurant's row lock serializes every seat check and insert of the restaurant,
          // on every instance: the second waits, then counts the first one's booking.
          await tx.select({ id: restaurants.id }).from(restaurants).where(eq(restaurants.id, row.restaurantId)).for("update");
          seatCheck.fits(await liveHolds(tx, row.restaurantId, seatCheck.from, seatCheck.to, seatCheck.cutoffs, id));
        }
        if (current) await tx.update(reservations).set(row).where(eq(reservations.id, id));
        else await tx.insert(reservations).values(row);
        // A new booking, a status change (which may free seats) or a move to another day or time.
        await bumpHoldsVersion(tx, current ? [row.restaurantId, current.restaurantId] : [row.restaurantId]);
        await writeRows(tx, decided.log ?? [], decided.notifications ?? [], row.updatedAt);
        if (decided.idempotencyKey) {
          const { scope, key } = decided.idempotencyKey;
          await tx
            .update(idempotencyKeys)
            .set({ resourceId: row.id })
            .where(and(eq(idempotencyKeys.apiKeyName, scope), eq(idempotencyKeys.key, key)));
        }
        return row;
      });
    },

    async statusLog(reservationId, limit, afterId) {
      const rows = await db
        .select()
        .from(statusLog)
        .where(and(eq(statusLog.reservationId, reservationId), gt(statusLog.id, afterId ?? 0)))
        .orderBy(asc(statusLog.id))
        .limit(limit + 1);
      return page(rows.map(storedLogEntry), limit, (last) => last.id);
    },

    async ping() {
      await db.execute(sql`select 1`);
    },
  };
}
