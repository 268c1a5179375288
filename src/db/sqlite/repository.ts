import { and, asc, eq, getTableColumns, gt, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Restaurant } from "../../domain/restaurant";
import type { Repository, RestaurantQuery, ReservationQuery } from "../repository";
import { likePattern, page, storedLogEntry, unstorable } from "../rows";
import type { SqliteDb } from "./open";
import { groupCommitOf } from "./group-commit";
import { occupancyIndexOf } from "./occupancy-index";
import { restaurantCacheOf } from "./restaurant-cache";
import { reservationStatements } from "./reservation-statements";
import { restaurantStatements } from "./restaurant-statements";
import { reservations, restaurants, statusLog } from "./schema";

const p = sql.placeholder;

/**
 * A statement per shape of a list query (which filters it has), prepared on first use: building
 * and preparing one on every request cost a quarter of a search's time.
 */
function preparedByShape<T>(build: (has: (filter: string) => boolean) => T): (filters: Array<string | false>) => T {
  const statements = new Map<string, T>();
  return (filters) => {
    const shape = filters.filter(Boolean).join(" ");
    let statement = statements.get(shape);
    if (!statement) statements.set(shape, (statement = build((filter) => filters.includes(filter))));
    return statement;
  };
}


// The restaurant-data bookkeeping and the holds version are storage's, not part of a restaurant.
const { dataCheckedAt: _checked, dataError: _error, dataFailures: _failures, dataRetryAt: _retryAt, holdsVersion: _version, ...restaurantColumns } =
  getTableColumns(restaurants);

const inIds = (column: SQL.Aliased | typeof restaurants.id | typeof reservations.restaurantId) => sql`${column} in (select value from json_each(${p("ids")}))`;

export function createSqliteRepository(db: SqliteDb): Repository {
  // Hot queries are prepared once: rebuilding them per request costs most of a read's time.
  const restaurantById = db.select(restaurantColumns).from(restaurants).where(eq(restaurants.id, p("id"))).prepare();
  const statements = reservationStatements(db.$client);
  const occupancy = occupancyIndexOf(db.$client);
  const cached = restaurantCacheOf(db.$client);
  const writes = groupCommitOf(db.$client);
  const cuisineList = db.$client.query<{ cuisine: string }, []>("select distinct cuisine from restaurants where archived_at is null order by cuisine");
  // One statement for any number of restaurants: their ids arrive as one JSON array.
  const bookingsMade = db.$client.query<{ restaurantId: string; n: number }, { ids: string; from: number; to: number }>(
    `select restaurant_id as restaurantId, count(*) as n from reservations
     where restaurant_id in (select value from json_each($ids)) and created_at >= $from and created_at < $to
     group by restaurant_id`,
  );
  const statusLogPage = db
    .select()
    .from(statusLog)
    .where(and(eq(statusLog.reservationId, p("reservationId")), gt(statusLog.id, p("afterId"))))
    .orderBy(asc(statusLog.id))
    .limit(p("limit"))
    .prepare();
  const venues = restaurantStatements(db.$client);
  const withDays = (rows: Omit<Restaurant, "specialDays">[]): Restaurant[] => {
    const days = venues.specialDays(rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, specialDays: days.get(row.id)! }));
  };
  const restaurantRow = ({ specialDays: _days, ...row }: Restaurant) => row;
  const restaurantList = preparedByShape((has) => {
    const pattern = p("pattern");
    const { name, id, cuisine, address } = restaurants;
    return db
      .select(restaurantColumns)
      .from(restaurants)
      .where(
        and(
          isNull(restaurants.archivedAt),
          has("ids") ? inIds(id) : undefined,
          has("q") ? sql`(${name} like ${pattern} escape '\\' or ${cuisine} like ${pattern} escape '\\' or ${address} like ${pattern} escape '\\')` : undefined,
          has("cuisine") ? sql`${cuisine} = ${p("cuisine")} collate nocase` : undefined,
          has("after") ? or(gt(name, p("afterName")), and(eq(name, p("afterName")), gt(id, p("afterId")))) : undefined,
        ),
      )
      .orderBy(asc(name), asc(id))
      .limit(p("limit"))
      .prepare();
  });
  return {
    async countRestaurants() {
      return db.$count(restaurants);
    },

    async insertRestaurants(rows) {
      db.transaction((tx) => {
        for (const row of rows) {
          if (tx.insert(restaurants).values(restaurantRow(row)).onConflictDoNothing().returning({ id: restaurants.id }).all().length > 0) venues.replaceSpecialDays(row);
        }
      });
      for (const row of rows) {
        occupancy.forget(row.id);
        cached.forget(row.id);
      }
    },

    async cuisines() {
      return cuisineList.all().map((row) => row.cuisine);
    },

    async getRestaurant(id) {
      return cached.get(id, () => {
        const row = restaurantById.get({ id });
        return row ? withDays([row])[0]! : null;
      });
    },

    async writeRestaurant(id, cutoffs, plan) {
      return db.$client
        .transaction(() => {
          const stored = restaurantById.get({ id });
          const current = stored ? withDays([stored])[0]! : null;
          const next = plan(current, venues.booked(id, cutoffs));
          if (!next) return current;
          // Hours, special days and the dining time (which retimes upcoming holds) all change here.
          occupancy.forget(id);
          cached.forget(id);
          if (current) db.update(restaurants).set(restaurantRow(next)).where(eq(restaurants.id, id)).run();
          else db.insert(restaurants).values(restaurantRow(next)).run();
          venues.replaceSpecialDays(next);
          if (current && current.diningMinutes !== next.diningMinutes) venues.retime(id, next.diningMinutes, cutoffs);
          return next;
        })
        .immediate();
    },

    async listRestaurants(query: RestaurantQuery) {
      if (unstorable(query.q, query.cuisine, query.after?.name, query.after?.id, ...(query.restaurantIds ?? []))) return { items: [], next: null };
      const statement = restaurantList([!!query.restaurantIds && "ids", !!query.q && "q", !!query.cuisine && "cuisine", !!query.after && "after"]);
      const rows = statement.all({
        ids: JSON.stringify(query.restaurantIds ?? []),
        pattern: query.q ? likePattern(query.q) : null,
        cuisine: query.cuisine ?? null,
        afterName: query.after?.name ?? null,
        afterId: query.after?.id ?? null,
        limit: query.limit + 1,
      });
      return page(withDays(rows), query.limit, (last) => ({ name: last.name, id: last.id }));
    },

    async getReservation(id) {
      return statements.get(id);
    },

    async getReservationByLink(guestLinkHash) {
      return statements.byLink(guestLinkHash);
    },

    async listReservationsOfOwner(ownerUserId, limit, before) {
      const rows = statements.ofOwner(ownerUserId, limit + 1, before);
      return page(rows, limit, (last) => ({ startsAt: last.startsAt, id: last.id }));
    },

    async claimReservation(id, ownerUserId) {
      const claimed = db.$client.run("update reservations set owner_user_id = ? where id = ? and owner_user_id is null", [ownerUserId, id]);
      return claimed.changes > 0;
    },

    async countBookingsMade(restaurantIds, from, to) {
      if (restaurantIds.length === 0) return new Map();
      const rows = bookingsMade.all({ ids: JSON.stringify(restaurantIds), from, to });
      return new Map(rows.map((row) => [row.restaurantId, row.n]));
    },

    async listReservations(query: ReservationQuery) {
      if (unstorable(query.restaurantId, query.phone, query.after?.id, ...(query.restaurantIds ?? []))) return { items: [], next: null };
      return page(statements.list(query), query.limit, (last) => ({ startsAt: last.startsAt, id: last.id }));
    },

    async seatHolds(restaurantId, from, to, cutoffs) {
      return occupancy.holds(restaurantId, from, to, cutoffs, () => statements.storedHolds(restaurantId, from, to));
    },

    async writeReservation(id, plan) {
      return writes.write(() => {
        const current = statements.get(id);
        const decided = plan(current);
        if (!decided) {
          if (!current) throw new Error(`writeReservation: nothing to write and no reservation ${id}`);
          return current;
        }
        const { row, seatCheck } = decided;
        if (seatCheck) seatCheck.fits(statements.seatHolds(row.restaurantId, seatCheck.from, seatCheck.to, seatCheck.cutoffs, id));
        if (current) statements.update(row);
        else statements.insert(row);
        // A new booking, a status change (which may free seats) or a move to another day or time.
        occupancy.forget(row.restaurantId);
        if (current && current.restaurantId !== row.restaurantId) occupancy.forget(current.restaurantId);
        for (const entry of decided.log ?? []) statements.log(entry);
        for (const message of decided.notifications ?? []) statements.notify(message, row.updatedAt);
        if (decided.idempotencyKey) statements.linkIdempotencyKey(decided.idempotencyKey, row.id);
        return row;
      });
    },

    async statusLog(reservationId, limit, afterId) {
      const rows = statusLogPage.all({ reservationId, afterId: afterId ?? 0, limit: limit + 1 });
      return page(rows.map(storedLogEntry), limit, (last) => last.id);
    },

    async ping() {
      db.$client.query("select 1").get();
    },
  };
}
