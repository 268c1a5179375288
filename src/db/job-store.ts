import type { StatusRules } from "../domain/reservation-status";

export interface ClaimedNotification {
  id: number;
  dedupeKey: string;
  reservationId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
}

/** The writes the scheduler makes. Each is set-based and safe to run twice at once. */
export interface JobStore {
  /**
   * Writes down every change the clock has made (upcoming → missed, guest_here → guest_left),
   * each with its status-log entry and notification, in one transaction.
   */
  applyAutomaticTransitions(now: number, rules: StatusRules): Promise<{ missed: number; checkedOut: number }>;
  /** Queues the reminders now due; a reminder is queued once per reservation, offset and time. */
  queueReminders(now: number, minutesBefore: readonly number[]): Promise<number>;
  /** Takes due notifications for sending, and those whose sender died before finishing. */
  claimNotifications(now: number, limit: number, leaseMs: number): Promise<ClaimedNotification[]>;
  finishNotification(id: number, now: number, outcome: "sent" | "skipped"): Promise<void>;
  /** Retry at `retryAt`, or give up (`dead`) when it is null. */
  failNotification(id: number, now: number, error: string, retryAt: number | null): Promise<void>;
  outboxDepth(): Promise<number>;
  /** Forgets sent, skipped and dead notifications last touched before `before`. */
  pruneOutbox(before: number): Promise<number>;
}
