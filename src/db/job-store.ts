import type { StatusRules } from "../domain/reservation-status";
import type { Page } from "./repository";

/** Where a set-based statement fans an event out to: see `notifications/targets.ts`. */
export interface OutboxTargetRef {
  channel: string;
  subscriber: string | null;
  key: string;
}

export const notificationStates = ["pending", "sending", "sent", "skipped", "dead"] as const;
export type NotificationState = (typeof notificationStates)[number];

export interface ClaimedNotification {
  id: number;
  dedupeKey: string;
  reservationId: string;
  kind: string;
  channel: string;
  subscriber: string | null;
  payload: Record<string, unknown>;
  /** Including this one. */
  attempts: number;
  createdAt: number;
}

/** An outbox entry as the operator's API shows it. */
export interface NotificationEntry {
  id: number;
  reservationId: string;
  kind: string;
  channel: string;
  subscriber: string | null;
  state: NotificationState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A restaurant as a restaurant-data source needs it. */
export interface RestaurantDataTarget {
  id: string;
  name: string;
  timeZone: string;
  externalId: string;
  /** Failed refreshes since the last good one. */
  failures: number;
}

/** The writes the scheduler makes. Each is set-based and safe to run twice at once. */
export interface JobStore {
  /**
   * Writes down every change the clock has made (upcoming → missed, guest_here → guest_left),
   * each with its status-log entry and one notification per target, in one transaction.
   */
  applyAutomaticTransitions(now: number, rules: StatusRules, targets: readonly OutboxTargetRef[]): Promise<{ missed: number; checkedOut: number }>;
  /** Queues the reminders now due, one per target; a reminder is queued once per reservation, offset, time and target. */
  queueReminders(now: number, minutesBefore: readonly number[], targets: readonly OutboxTargetRef[]): Promise<number>;
  /**
   * Takes due notifications for sending, and those whose sender died before finishing (after
   * `leaseMs`): a claim is a lease, so two sweeps never hold the same entry at once.
   */
  claimNotifications(now: number, limit: number, leaseMs: number): Promise<ClaimedNotification[]>;
  finishNotification(id: number, now: number, outcome: "sent" | "skipped"): Promise<void>;
  /** Retry at `retryAt`, or give up (`dead`) when it is null. */
  failNotification(id: number, now: number, error: string, retryAt: number | null): Promise<void>;
  outboxDepth(): Promise<number>;
  /** Forgets sent, skipped and dead notifications last touched before `before`. */
  pruneOutbox(before: number): Promise<number>;
  /** Entries in id order, optionally of one state, after the id `afterId`. */
  listNotifications(query: { state?: NotificationState; limit: number; afterId?: number }): Promise<Page<NotificationEntry, number>>;
  getNotification(id: number): Promise<NotificationEntry | null>;
  /** Queues a dead entry again with fresh attempts; null when it is not dead (or not there). */
  requeueNotification(id: number, now: number): Promise<NotificationEntry | null>;
  /**
   * Restaurants with an external id whose data is due: never asked, last asked successfully
   * before `okBefore`, or failed with a retry time that has come. Oldest first.
   */
  restaurantsDueForData(okBefore: number, now: number, limit: number): Promise<RestaurantDataTarget[]>;
  /**
   * Writes fresh ratings, or records a failure (and when to ask again) and leaves the last good
   * data in place. True when the data changed.
   */
  saveRestaurantData(id: string, now: number, result: { rating: number; reviewCount: number } | { error: string; retryAt: number }): Promise<boolean>;
  /** How many restaurants' last refresh failed. */
  restaurantDataFailing(): Promise<number>;
}
