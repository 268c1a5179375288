import { formatClock } from "./local-time";

/** The status code is the index of the state name. */
export const reservationStates = ["upcoming", "guest_here", "guest_left", "missed", "cancelled"] as const;
export type ReservationState = (typeof reservationStates)[number];
export type StatusCode = 0 | 1 | 2 | 3 | 4;

export const stateOf = (status: number): ReservationState => reservationStates[status]!;
export const statusOf = (state: ReservationState): StatusCode => reservationStates.indexOf(state) as StatusCode;

/** Why the clock moved a reservation on, as the status log says it. */
export const automaticReasons = {
  missed: "no check-in by the missed threshold",
  guest_left: "checked out automatically after the stay",
} as const;

/** When the clock moves a reservation on by itself, in minutes relative to its start. */
export interface StatusRules {
  checkInOpensMinutesBefore: number;
  missedAfterMinutes: number;
  autoCheckoutAfterMinutes: number;
  lateArrivalMinutes: number;
}

const MINUTE = 60_000;

export function thresholds(startsAt: number, rules: StatusRules) {
  return {
    checkInOpensAt: startsAt - rules.checkInOpensMinutesBefore * MINUTE,
    missedAt: startsAt + rules.missedAfterMinutes * MINUTE,
    lateArrivalClosesAt: startsAt + rules.lateArrivalMinutes * MINUTE,
    autoCheckoutAt: startsAt + rules.autoCheckoutAfterMinutes * MINUTE,
  };
}

export interface EffectiveStatus {
  status: StatusCode;
  /** Set when the clock, not a stored write, made this the status: the threshold instant. */
  automaticSince: number | null;
}

/**
 * The clock rule as instants, for storage to compare against: a reservation stored upcoming is
 * still upcoming only if it starts after `upcomingStartsAfter` (otherwise it is missed), and one
 * stored guest-here is still here only if it starts after `guestHereStartsAfter` (otherwise the
 * guest has left). Each threshold instant belongs to the later state. Every backend's queries
 * and the status below read these, so the rule is written here alone.
 */
export interface LiveCutoffs {
  upcomingStartsAfter: number;
  guestHereStartsAfter: number;
}

export function liveCutoffs(now: number, rules: StatusRules): LiveCutoffs {
  return {
    upcomingStartsAfter: now - rules.missedAfterMinutes * MINUTE,
    guestHereStartsAfter: now - rules.autoCheckoutAfterMinutes * MINUTE,
  };
}

/** The status right now, from the stored one and the clock. */
export function effectiveStatus(stored: StatusCode, startsAt: number, now: number, rules: StatusRules): EffectiveStatus {
  return statusAt(stored, startsAt, liveCutoffs(now, rules), rules);
}

/** The status by the cutoffs: what a backend's live-state predicates select, and when the clock moved it on. */
export function statusAt(stored: StatusCode, startsAt: number, cutoffs: LiveCutoffs, rules: StatusRules): EffectiveStatus {
  if (stored === 0 && startsAt <= cutoffs.upcomingStartsAfter) return { status: 3, automaticSince: thresholds(startsAt, rules).missedAt };
  if (stored === 1 && startsAt <= cutoffs.guestHereStartsAfter) return { status: 2, automaticSince: thresholds(startsAt, rules).autoCheckoutAt };
  return { status: stored, automaticSince: null };
}

/** Whether a reservation holds seats by the cutoffs: upcoming, or the guest is here. */
export function holdsSeatsAt(stored: number, startsAt: number, cutoffs: LiveCutoffs): boolean {
  return (stored === 0 && startsAt > cutoffs.upcomingStartsAfter) || (stored === 1 && startsAt > cutoffs.guestHereStartsAfter);
}

export type TransitionDecision = { allowed: true } | { allowed: false; reason: string };

/** Whether staff may move a reservation from its current (effective) status to another now. */
export function decideTransition(
  from: StatusCode,
  to: StatusCode,
  startsAt: number,
  now: number,
  rules: StatusRules,
  timeZone: string,
): TransitionDecision {
  const t = thresholds(startsAt, rules);
  const at = (epochMs: number) => formatClock(epochMs, timeZone, now);
  const refuse = (reason: string): TransitionDecision => ({ allowed: false, reason });
  const move = `${stateOf(from)}->${stateOf(to)}`;
  switch (move) {
    case "upcoming->guest_here":
      return now >= t.checkInOpensAt ? { allowed: true } : refuse(`check-in opens at ${at(t.checkInOpensAt)}`);
    case "missed->guest_here":
      return now < t.lateArrivalClosesAt
        ? { allowed: true }
        : refuse(`late arrival was possible until ${at(t.lateArrivalClosesAt)}`);
    case "guest_here->guest_left":
      return { allowed: true };
    case "upcoming->missed":
      return now >= startsAt ? { allowed: true } : refuse(`a guest can be marked missed from ${at(startsAt)}`);
    case "upcoming->cancelled":
      return now < startsAt ? { allowed: true } : refuse(`a reservation can be cancelled only before ${at(startsAt)}`);
    default:
      return refuse(`a reservation cannot move from ${stateOf(from)} to ${stateOf(to)}`);
  }
}
