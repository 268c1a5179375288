/**
 * The clock rule in SQL, for PostgreSQL: each comparison written once, against the instants of
 * `LiveCutoffs` (`domain/reservation-status.ts`), bound as parameters. The twin of
 * `../sqlite/live-state.ts`, on unqualified `reservations` columns.
 */
import { type SQL, sql } from "drizzle-orm";
import type { LiveCutoffs, ReservationState } from "../../domain/reservation-status";

function comparisons(cutoffs: LiveCutoffs) {
  return {
    stillUpcoming: sql`starts_at > ${cutoffs.upcomingStartsAfter}`,
    stillHere: sql`starts_at > ${cutoffs.guestHereStartsAfter}`,
  };
}

export function liveState(state: ReservationState, cutoffs: LiveCutoffs): SQL {
  const { stillUpcoming, stillHere } = comparisons(cutoffs);
  switch (state) {
    case "upcoming":
      return sql`(status = 0 and ${stillUpcoming})`;
    case "guest_here":
      return sql`(status = 1 and ${stillHere})`;
    case "guest_left":
      return sql`(status = 2 or (status = 1 and not ${stillHere}))`;
    case "missed":
      return sql`(status = 3 or (status = 0 and not ${stillUpcoming}))`;
    case "cancelled":
      return sql`(status = 4)`;
  }
}

/** Reservations holding seats now: upcoming, or the guest is here. */
export const holdsSeats = (cutoffs: LiveCutoffs): SQL => sql`(${liveState("upcoming", cutoffs)} or ${liveState("guest_here", cutoffs)})`;

/** Stored as upcoming or here, but the clock has moved them on: what the sweep writes down. */
export function movedOnByClock(cutoffs: LiveCutoffs): SQL {
  const { stillUpcoming, stillHere } = comparisons(cutoffs);
  return sql`((status = 0 and not ${stillUpcoming}) or (status = 1 and not ${stillHere}))`;
}
