import { and, asc, eq, gt, gte, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Restaurant } from "../../domain/restaurant";
import type { StatusCode } from "../../domain/reservation-status";
import type { LiveCutoffs, Page, Repository, ReservationQuery, ReservationRow, RestaurantQuery } from "../repository";
import type { SqliteDb } from "./open";
import { reservationWrites } from "./reservation-writes";
import { reservations, restaurants, statusLog } from "./schema";

const p = sql.placeholder;

/** Conditions for "this reservation is in state X right now", from the stored status and the clock. */
function liveState(state: NonNullable<ReservationQuery["state"]>): SQL | undefined {
  const { upcomingStartsAfter, guestHereStartsAfter } = state.cutoffs;
  const { status, startsAt } = reservations;
  switch (state.state) {
    case "upcoming":
      return and(eq(status, 0), gt(startsAt, upcomingStartsAfter));
    case "missed":
      return or(eq(status, 3), and(eq(status, 0), lt(startsAt, upcomingStartsAfter + 1)));
    case "guest_here":
      return and(eq(status, 1), gt(startsAt, guestHereStartsAfter));
    case "guest_left":
      return or(eq(status, 2), and(eq(status, 1), lt(startsAt, guestHereStartsAfter + 1)));
    case "cancelled":
      return eq(status, 4);
  }
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const asRow = (row: typeof reservations.$inferSelect): ReservationRow => ({ ...row, status: row.status as StatusCode });

export function createSqliteRepository(db: SqliteDb): Repository {
  // Hot queries are prepared once: rebuilding them per request costs most of a read's time.
  const reservationById = db.select().from(reservations).where(eq(reservations.id, p("id"))).prepare();
  const restaurantById = db.select().from(restaurants).where(eq(restaurants.id, p("id"))).prepare();
  // A hold that ends after `from` started after `from` minus the restaurant's longest stay, so
  // that lower bound drops no overlap; without it the scan reads every earlier reservation of
  // the restaurant. The subquery is one step of the `reservations_restaurant_stay` index.
  const longestStayStart = sql`${p("from")} - (select max(ends_at - starts_at) from reservations where restaurant_id = ${p("restaurantId")})`;
  const seatHolds = db
    .select({ startsAt: reservations.startsAt, endsAt: reservations.endsAt, guestCount: reservations.guestCount })
    .from(reservations)
    .where(
      and(
        eq(reservations.restaurantId, p("restaurantId")),
        gt(reservations.startsAt, longestStayStart),
        lt(reservations.startsAt, p("to")),
        gt(reservations.endsAt, p("from")),
        ne(reservations.id, p("excludeId")),
        or(
          and(eq(reservations.status, 0), gt(reservations.startsAt, p("upcomingStartsAfter"))),
          and(eq(reservations.status, 1), gt(reservations.startsAt, p("guestHereStartsAfter"))),
        ),
      ),
    )
    .prepare();
  const writes = reservationWrites(db.$client);
  const holdsOf = (restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs, excludeId = "") =>
    seatHolds.all({ restaurantId, from, to, excludeId, ...cutoffs });

  return {
    async countRestaurants() {
      return db.$count(restaurants);
    },

    async insertRestaurants(rows) {
      db.transaction((tx) => {
        for (const row of rows) tx.insert(restaurants).values(row).run();
      });
    },

    async getRestaurant(id) {
      return restaurantById.get({ id }) ?? null;
    },

    async listRestaurants(query: RestaurantQuery) {
      const conditions: Array<SQL | undefined> = [];
      if (query.q) {
        const pattern = likePattern(query.q);
        conditions.push(
          sql`(${restaurants.name} like ${pattern} escape '\\' or ${restaurants.cuisine} like ${pattern} escape '\\' or ${restaurants.address} like ${pattern} escape '\\')`,
        );
      }
      if (query.cuisine) conditions.push(sql`${restaurants.cuisine} = ${query.cuisine} collate nocase`);
      if (query.after) {
        const { name, id } = query.after;
        conditions.push(or(gt(restaurants.name, name), and(eq(restaurants.name, name), gt(restaurants.id, id))));
      }
      const rows = db
        .select()
        .from(restaurants)
        .where(and(...conditions))
        .orderBy(asc(restaurants.name), asc(restaurants.id))
        .limit(query.limit + 1)
        .all();
      return page(rows, query.limit, (last) => ({ name: last.name, id: last.id }));
    },

    async getReservation(id) {
      const row = reservationById.get({ id });
      return row ? asRow(row) : null;
    },

    async listReservations(query: ReservationQuery) {
      const { restaurantId, phone, startsAt, id } = reservations;
      const conditions: Array<SQL | undefined> = [
        query.restaurantId ? eq(restaurantId, query.restaurantId) : undefined,
        query.phone ? eq(phone, query.phone) : undefined,
        query.from !== undefined ? gte(startsAt, query.from) : undefined,
        query.to !== undefined ? lt(startsAt, query.to) : undefined,
        query.state ? liveState(query.state) : undefined,
        query.after
          ? or(gt(startsAt, query.after.startsAt), and(eq(startsAt, query.after.startsAt), gt(id, query.after.id)))
          : undefined,
      ];
      const rows = db
        .select()
        .from(reservations)
        .where(and(...conditions))
        .orderBy(asc(startsAt), asc(id))
        .limit(query.limit + 1)
        .all();
      return page(rows.map(asRow), query.limit, (last) => ({ startsAt: last.startsAt, id: last.id }));
    },

    async seatHolds(restaurantId, from, to, cutoffs) {
      return holdsOf(restaurantId, from, to, cutoffs);
    },

    async writeReservation(id, plan) {
      return db.$client
        .transaction(() => {
          const stored = reservationById.get({ id });
          const current = stored ? asRow(stored) : null;
          const decided = plan(current);
          if (!decided) {
            if (!current) throw new Error(`writeReservation: nothing to write and no reservation ${id}`);
            return current;
          }
          const { row, seatCheck } = decided;
          if (seatCheck) seatCheck.fits(holdsOf(row.restaurantId, seatCheck.from, seatCheck.to, seatCheck.cutoffs, id));
          if (current) writes.update(row);
          else writes.insert(row);
          for (const entry of decided.log ?? []) writes.log(entry);
          for (const message of decided.notifications ?? []) writes.notify(message, row.updatedAt);
          return row;
        })
        .immediate();
    },

    async statusLog(reservationId, limit, afterId) {
      const rows = db
        .select()
        .from(statusLog)
        .where(and(eq(statusLog.reservationId, reservationId), afterId !== undefined ? gt(statusLog.id, afterId) : undefined))
        .orderBy(asc(statusLog.id))
        .limit(limit + 1)
        .all();
      const entries = rows.map((entry) => ({
        ...entry,
        fromStatus: entry.fromStatus as StatusCode | null,
        toStatus: entry.toStatus as StatusCode,
      }));
      return page(entries, limit, (last) => last.id);
    },

    async ping() {
      db.$client.query("select 1").get();
    },
  };
}

function page<T, K>(rows: T[], limit: number, keyOf: (last: T) => K): Page<T, K> {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? keyOf(items[items.length - 1]!) : null };
}
