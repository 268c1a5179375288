import type { Database } from "bun:sqlite";
import type { SeatHold } from "../../domain/restaurant";
import { holdsSeatsAt, type LiveCutoffs } from "../../domain/reservation-status";
import { dataVersionWatch } from "./data-version";
import { perConnection } from "./per-connection";

/** A hold as stored, before the clock decides whether it still counts. */
export interface StoredHold extends SeatHold {
  /** 0 upcoming, 1 guest here: the only stored statuses that can hold seats. */
  status: number;
}

/**
 * Holds kept before the index starts over. A day's holds are few, but days are many: keeping
 * every window a benchmark at 1M rows asked for took the server from 122 to 281 MB.
 */
const MAX_HOLDS = 100_000;

/**
 * The seat holds of a restaurant's window (a day's seatings), kept in this process so that an
 * availability read does not scan the day's rows. It is only ever a read cache: the seat check
 * inside `writeReservation` reads the real rows in its transaction, so a stale entry could show
 * a wrong count but never admit a booking that does not fit.
 *
 * Entries keep each hold's stored status and start, not the filtered result: the clock turns an
 * upcoming hold into a missed one (and a seated one into a departed one) with no write, so the
 * live-status cutoffs are applied on every read, exactly as the uncached statement applies them.
 *
 * Staleness: every write on this connection that can change holds drops the restaurant's entries
 * (`forget`), and set-based writes drop them all (`forgetAll`). A commit by another connection to
 * the same file (cron's `bun run jobs`) changes `PRAGMA data_version`, which is checked, cheaply,
 * on every read; a change drops everything. PostgreSQL has no such counter across instances: its
 * backend must keep a version per restaurant in the database, bumped in the same transaction as
 * every write that changes holds, and compare it (or listen for it) before trusting an entry.
 */
export function createOccupancyIndex(client: Database) {
  const otherCommits = dataVersionWatch(client);
  const byRestaurant = new Map<string, Map<string, StoredHold[]>>();
  let holdsKept = 0;

  function forgetAll() {
    byRestaurant.clear();
    holdsKept = 0;
  }

  function current() {
    if (otherCommits.changed()) forgetAll();
  }

  return {
    /** The live holds in [from, to), loading the window's stored holds once. */
    holds(restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs, load: () => StoredHold[]): SeatHold[] {
      current();
      const key = `${from}:${to}`;
      let stored = byRestaurant.get(restaurantId)?.get(key);
      if (!stored) {
        stored = load();
        if (holdsKept + stored.length > MAX_HOLDS) forgetAll();
        let ofRestaurant = byRestaurant.get(restaurantId);
        if (!ofRestaurant) byRestaurant.set(restaurantId, (ofRestaurant = new Map()));
        ofRestaurant.set(key, stored);
        holdsKept += stored.length;
      }
      return stored.filter((hold) => holdsSeatsAt(hold.status, hold.startsAt, cutoffs));
    },
    /** Drops a restaurant's windows: a write changed (or may have changed) its holds. */
    forget(restaurantId: string) {
      const ofRestaurant = byRestaurant.get(restaurantId);
      if (!ofRestaurant) return;
      for (const stored of ofRestaurant.values()) holdsKept -= stored.length;
      byRestaurant.delete(restaurantId);
    },
    forgetAll,
  };
}

export type OccupancyIndex = ReturnType<typeof createOccupancyIndex>;

/** One index per connection: the repository fills it, and every writer on the connection drops from it. */
export const occupancyIndexOf = perConnection(createOccupancyIndex);
