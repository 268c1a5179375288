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

/** The status right now, from the stored one and the clock. Each threshold belongs to the later state. */
export function effectiveStatus(stored: StatusCode, startsAt: number, now: number, rules: StatusRules): EffectiveStatus {
  const { missedAt, autoCheckoutAt } = thresholds(startsAt, rules);
  if (stored === 0 && now >= missedAt) return { status: 3, automaticSince: missedAt };
  if (stored === 1 && now >= autoCheckoutAt) return { status: 2, automaticSince: autoCheckoutAt };
  return { status: stored, automaticSince: null };
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
