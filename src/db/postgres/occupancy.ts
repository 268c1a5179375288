import { and, eq, inArray, sql } from "drizzle-orm";
import { holdsSeatsAt, type LiveCutoffs } from "../../domain/reservation-status";
import type { SeatHold } from "../../domain/restaurant";
import type { PostgresDb } from "./open";
import { overlapping } from "./overlap";
import { reservations, restaurants } from "./schema";
import type { Executor } from "./transaction";

/** Holds kept before the index starts over, as on SQLite (`../sqlite/occupancy-index.ts`). */
const MAX_HOLDS = 100_000;

type StoredHold = SeatHold & { status: number };

/**
 * Marks a restaurant's seat holds changed, in the caller's transaction: every instance's
 * occupancy index then reloads its windows on the next read. It takes the restaurant row's
 * no-key lock, so the writes of one restaurant commit in turn, which its seat checks do anyway.
 */
export async function bumpHoldsVersion(tx: Executor, restaurantIds: readonly string[]): Promise<void> {
  if (restaurantIds.length === 0) return;
  await tx
    .update(restaurants)
    .set({ holdsVersion: sql`${restaurants.holdsVersion} + 1` })
    .where(inArray(restaurants.id, [...new Set(restaurantIds)]));
}

/**
 * The occupancy index on PostgreSQL: a restaurant's windows of stored holds, kept in this
 * instance under the restaurant's `holds_version` as it was when they were read. A read asks
 * the database for the version first (one primary-key read, instead of the window's rows) and
 * reloads when another instance's write has moved it on. The version is read before the holds,
 * so a write landing between the two leaves the entry under the older version and it is
 * reloaded next time. As on SQLite, it only ever serves availability: a booking's seat check
 * reads the rows under the restaurant's lock.
 */
export function postgresOccupancy(db: PostgresDb) {
  const versionOf = db
    .select({ version: restaurants.holdsVersion })
    .from(restaurants)
    .where(eq(restaurants.id, sql.placeholder("restaurantId")))
    .prepare("restaurant_holds_version");
  const byRestaurant = new Map<string, { version: number; windows: Map<string, StoredHold[]> }>();
  let holdsKept = 0;

  const forget = (restaurantId: string) => {
    const entry = byRestaurant.get(restaurantId);
    if (!entry) return;
    for (const stored of entry.windows.values()) holdsKept -= stored.length;
    byRestaurant.delete(restaurantId);
  };

  /** The window's holds that are upcoming or seated as stored: the clock's cutoffs apply at each read. */
  async function load(restaurantId: string, from: number, to: number): Promise<StoredHold[]> {
    return db
      .select({ startsAt: reservations.startsAt, endsAt: reservations.endsAt, guestCount: reservations.guestCount, status: reservations.status })
      .from(reservations)
      .where(and(overlapping(restaurantId, from, to), inArray(reservations.status, [0, 1])));
  }

  return {
    async holds(restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs): Promise<SeatHold[]> {
      const [current] = await versionOf.execute({ restaurantId });
      if (!current) return [];
      let entry = byRestaurant.get(restaurantId);
      if (entry && entry.version !== current.version) forget(restaurantId);
      entry = byRestaurant.get(restaurantId);
      if (!entry) byRestaurant.set(restaurantId, (entry = { version: current.version, windows: new Map() }));
      const key = `${from}:${to}`;
      let stored = entry.windows.get(key);
      if (!stored) {
        stored = await load(restaurantId, from, to);
        // Kept only if no newer version replaced the entry while the rows were read.
        if (byRestaurant.get(restaurantId) === entry && !entry.windows.has(key)) {
          if (holdsKept + stored.length > MAX_HOLDS) {
            byRestaurant.clear();
            holdsKept = 0;
            entry.windows.clear();
            byRestaurant.set(restaurantId, entry);
          }
          entry.windows.set(key, stored);
          holdsKept += stored.length;
        }
      }
      return stored.filter((hold) => holdsSeatsAt(hold.status, hold.startsAt, cutoffs));
    },
  };
}
