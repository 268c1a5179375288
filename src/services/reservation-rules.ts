import type { LiveCutoffs } from "../db/repository";
import type { StatusRules } from "../domain/reservation-status";

const MINUTE = 60_000;

/** The stored-status cutoffs that make a query see the statuses the clock has already moved on. */
export function liveCutoffs(now: number, rules: StatusRules): LiveCutoffs {
  return {
    upcomingStartsAfter: now - rules.missedAfterMinutes * MINUTE,
    guestHereStartsAfter: now - rules.autoCheckoutAfterMinutes * MINUTE,
  };
}
