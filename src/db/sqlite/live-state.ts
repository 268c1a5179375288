/**
 * The clock rule in SQL, for SQLite: each comparison written once, against the instants of
 * `LiveCutoffs` (`domain/reservation-status.ts`), bound as `$upcomingStartsAfter` and
 * `$guestHereStartsAfter`. Every statement that asks what a reservation is right now (lists,
 * seat holds, the sweep) is built from these, on unqualified `reservations` columns.
 */
import type { ReservationState } from "../../domain/reservation-status";

const stillUpcoming = "starts_at > $upcomingStartsAfter";
const stillHere = "starts_at > $guestHereStartsAfter";

export const liveState: Record<ReservationState, string> = {
  upcoming: `(status = 0 and ${stillUpcoming})`,
  guest_here: `(status = 1 and ${stillHere})`,
  guest_left: `(status = 2 or (status = 1 and not ${stillHere}))`,
  missed: `(status = 3 or (status = 0 and not ${stillUpcoming}))`,
  cancelled: "(status = 4)",
};

/** Reservations holding seats now: upcoming, or the guest is here. */
export const holdsSeats = `(${liveState.upcoming} or ${liveState.guest_here})`;

/**
 * Stored as upcoming or here, but the clock has moved them on: what the sweep writes down. The
 * complements of the comparisons above, written out (`<=`) rather than as `not (… > …)`, because
 * SQLite's planner uses `reservations_status_starts` for a range but not for a negated one: the
 * negated form read the whole table for every batch of the sweep. The boundary cases of the
 * conformance suite hold the two forms to the same instant.
 */
export const movedOnByClock = {
  upcoming: "status = 0 and starts_at <= $upcomingStartsAfter",
  guestHere: "status = 1 and starts_at <= $guestHereStartsAfter",
} as const;
