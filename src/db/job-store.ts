import type { LiveCutoffs } from "../domain/reservation-status";
import type { Restaurant } from "../domain/restaurant";
import type { OutboxMessage, Page, ReservationRow, StatusLogEntry } from "./repository";

/** A reservation with what a message says of its restaurant. */
export interface ReservationAt {
  row: ReservationRow;
  restaurant: Pick<Restaurant, "id" | "name" | "timeZone" | "externalId">;
}

/** What writing down one change the clock made takes: the row as it is to be, its log and notifications. */
export interface ClockWrite {
  row: ReservationRow;
  log: StatusLogEntry[];
  notifications: OutboxMessage[];
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

/**
 * The writes the scheduler makes. Every one is safe to run twice at once, in one process or on
 * several instances: what one run has written, the other does not write again.
 */
export interface JobStore {
  /**
   * In one transaction: takes up to `limit` reservations that the clock has moved on by `cutoffs`
   * (stored upcoming but starting at or before `upcomingStartsAfter`, stored guest-here but
   * starting at or before `guestHereStartsAfter`), oldest first, lets `plan` decide each one's
   * write (pure: it may be called again if the transaction is retried), and writes the rows,
   * their log entries and their notifications (each at most once by dedupe key). A row that a
   * concurrent transaction holds is left for the next run, not waited for; a row another run has
   * already moved no longer matches. Answers the rows written. Two runs at once move each row
   * once: one log entry and one set of notifications per row, and each row in one run's answer.
   */
  applyAutomaticTransitions(cutoffs: LiveCutoffs, limit: number, plan: (due: ReservationAt) => ClockWrite): Promise<ReservationRow[]>;
  /** Reservations stored as upcoming that start in (`after`, `atOrBefore`], with their restaurants. */
  upcomingStarting(after: number, atOrBefore: number): Promise<ReservationAt[]>;
  /**
   * Queues messages, each at most once by its dedupe key, whoever queued it before (a booking, the
   * sweep, a concurrent call); answers how many were new, so calls at once count each message once.
   */
  queueNotifications(messages: readonly OutboxMessage[], now: number): Promise<number>;
  /**
   * Takes due notifications for sending (pending with `nextAttemptAt` at or before `now`), and
   * those whose sender died before finishing (sending, last touched at or before `now - leaseMs`),
   * oldest first, counting an attempt on each. A claim is a lease: claims run at once, in one
   * process or on several instances, never answer the same entry twice, and an entry is taken
   * again only once its lease has run out.
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
