/**
 * The clock rule at its instants, on every backend: a threshold instant belongs to the later
 * state (`LiveCutoffs`). At exactly startsAt + MISSED_AFTER_MINUTES an upcoming reservation is
 * missed, and at exactly startsAt + AUTO_CHECKOUT_AFTER_MINUTES a seated guest has left; one
 * millisecond before, neither. The lists, the seat holds and the sweep must all agree.
 */
import { describe, expect, setSystemTime, test } from "bun:test";
import type { Storage } from "../../../src/db/storage";
import { liveCutoffs, type ReservationState, type StatusCode } from "../../../src/domain/reservation-status";
import type { SeatHold } from "../../../src/domain/restaurant";
import { applyClockChanges } from "../../../src/jobs/clock-changes";
import { outboxTargets } from "../../../src/notifications/targets";
import { bistro, logOf, MINUTE, notificationsOf, type OpenStorage, reservationRow, rules, SEATING, settings, store, useStorage } from "./support";

const missedAt = SEATING + rules.missedAfterMinutes * MINUTE;
const checkoutAt = SEATING + rules.autoCheckoutAfterMinutes * MINUTE;

/** A stored status, an instant, and what every query must say of it then. */
interface Boundary {
  name: string;
  stored: StatusCode;
  now: number;
  /** The live state the lists put it in; every other state's list leaves it out. */
  state: ReservationState;
  holdsSeats: boolean;
  /** The status the sweep writes down (with its log entry and notices), or null for none. */
  sweepWrites: StatusCode | null;
}

const boundaries: Boundary[] = [
  { name: "upcoming, a millisecond before the missed instant", stored: 0, now: missedAt - 1, state: "upcoming", holdsSeats: true, sweepWrites: null },
  { name: "upcoming, at exactly the missed instant", stored: 0, now: missedAt, state: "missed", holdsSeats: false, sweepWrites: 3 },
  { name: "seated, a millisecond before the check-out instant", stored: 1, now: checkoutAt - 1, state: "guest_here", holdsSeats: true, sweepWrites: null },
  { name: "seated, at exactly the check-out instant", stored: 1, now: checkoutAt, state: "guest_left", holdsSeats: false, sweepWrites: 2 },
];

const states: ReservationState[] = ["upcoming", "guest_here", "guest_left", "missed", "cancelled"];

/** The live states whose list holds the reservation at `now`. */
async function listedIn(storage: Storage, id: string, now: number): Promise<ReservationState[]> {
  const cutoffs = liveCutoffs(now, rules);
  const found: ReservationState[] = [];
  for (const state of states) {
    const page = await storage.repo.listReservations({ restaurantId: bistro.id, state: { state, cutoffs }, limit: 10 });
    if (page.items.some((row) => row.id === id)) found.push(state);
  }
  return found;
}

/**
 * The seat holds of the seating's window by the clock at `now`, as `SeatHold`s. Projected, because
 * which holds count is the guarantee; SQLite's occupancy index also answers each hold's stored
 * status, a field the interface does not promise.
 */
async function holdsAt(storage: Storage, now: number): Promise<SeatHold[]> {
  const holds = await storage.repo.seatHolds(bistro.id, SEATING, SEATING + bistro.diningMinutes * MINUTE, liveCutoffs(now, rules));
  return holds.map(({ startsAt, endsAt, guestCount }) => ({ startsAt, endsAt, guestCount }));
}

export function clockBoundaryConformance(open: OpenStorage) {
  describe("the clock rule at its threshold instants", () => {
    const storage = useStorage(open);

    for (const boundary of boundaries) {
      test(`${boundary.name}: listed as ${boundary.state} and in no other state`, async () => {
        const row = reservationRow(bistro, { status: boundary.stored });
        await store(storage(), row);
        setSystemTime(new Date(boundary.now));
        expect(await listedIn(storage(), row.id, boundary.now)).toEqual([boundary.state]);
      });

      test(`${boundary.name}: ${boundary.holdsSeats ? "holds" : "no longer holds"} its seats`, async () => {
        const row = reservationRow(bistro, { status: boundary.stored, guestCount: 3 });
        await store(storage(), row);
        setSystemTime(new Date(boundary.now));
        const expected = boundary.holdsSeats ? [{ startsAt: row.startsAt, endsAt: row.endsAt, guestCount: 3 }] : [];
        expect(await holdsAt(storage(), boundary.now)).toEqual(expected);
      });

      test(`${boundary.name}: the sweep ${boundary.sweepWrites === null ? "writes nothing" : "writes the change, its log entry and its notices"}`, async () => {
        const row = reservationRow(bistro, { status: boundary.stored });
        await store(storage(), row);
        setSystemTime(new Date(boundary.now));
        await applyClockChanges(storage().jobs, settings, boundary.now);
        const automatic = (await logOf(storage(), row.id)).filter((entry) => entry.actor.kind === "system");
        const notices = await notificationsOf(storage(), row.id, "status_changed");
        if (boundary.sweepWrites === null) {
          expect({ row: await storage().repo.getReservation(row.id), automatic, notices }).toEqual({ row, automatic: [], notices: [] });
        } else {
          expect(await storage().repo.getReservation(row.id)).toMatchObject({ status: boundary.sweepWrites, statusChangedAt: boundary.now, version: 2 });
          expect(automatic.map(({ fromStatus, toStatus, at }) => ({ fromStatus, toStatus, at }))).toEqual([{ fromStatus: boundary.stored, toStatus: boundary.sweepWrites, at: boundary.now }]);
          expect(notices).toHaveLength(outboxTargets(settings, "status_changed").length);
        }
      });
    }

    // A backend may serve holds from a cache (SQLite's occupancy index): the clock must still
    // move them on with no write in between, read after read.
    for (const [name, stored, threshold] of [["upcoming", 0, missedAt], ["seated", 1, checkoutAt]] as const) {
      test(`the seat holds of a ${name} reservation read before and then at its threshold follow the clock`, async () => {
        const row = reservationRow(bistro, { status: stored, guestCount: 3 });
        await store(storage(), row);
        expect(await holdsAt(storage(), threshold - 1)).toHaveLength(1);
        expect(await holdsAt(storage(), threshold)).toEqual([]);
        expect(await holdsAt(storage(), threshold - 1)).toHaveLength(1);
      });
    }
  });
}
