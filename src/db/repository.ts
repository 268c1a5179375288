/**
 * What the services need from storage. Handlers and services hold no SQL; an implementation per
 * database (SQLite today) sits behind this interface. Every write of a reservation goes through
 * `writeReservation`, which runs the caller's decisions inside one write transaction.
 */
import type { Actor } from "../domain/actor";
import type { BookedSeats, Restaurant, SeatHold } from "../domain/restaurant";
import type { LiveCutoffs, ReservationState, StatusCode } from "../domain/reservation-status";

export interface ReservationRow {
  id: string;
  restaurantId: string;
  firstName: string;
  lastName: string;
  phone: string;
  email: string | null;
  receiveEmailUpdates: boolean;
  receivePhoneCall: boolean;
  receiveTextNotification: boolean;
  occasion: string | null;
  startsAt: number;
  endsAt: number;
  guestCount: number;
  status: StatusCode;
  statusChangedAt: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  /** The guest account it belongs to, if any. */
  ownerUserId: string | null;
  /** SHA-256 (hex) of the token in the guest's private link. */
  guestLinkHash: string | null;
}

export interface StatusLogEntry {
  reservationId: string;
  fromStatus: StatusCode | null;
  toStatus: StatusCode;
  at: number;
  actor: Actor;
  reason: string;
}

/** One message on one channel (or to one webhook subscriber); see `notifications/targets.ts`. */
export interface OutboxMessage {
  dedupeKey: string;
  reservationId: string;
  kind: string;
  channel: string;
  subscriber: string | null;
  payload: Record<string, unknown>;
}

/** A stored status is live only until the clock moves it on: see `domain/reservation-status.ts`. */
export type { LiveCutoffs };

export interface WritePlan {
  row: ReservationRow;
  /** Checked against the live seat holds in [from, to), leaving out the reservation itself. */
  seatCheck?: { from: number; to: number; cutoffs: LiveCutoffs; fits: (holds: SeatHold[]) => void };
  log?: StatusLogEntry[];
  notifications?: OutboxMessage[];
  /** The Idempotency-Key claim this write fulfils: linked to the row in the same transaction. */
  idempotencyKey?: IdempotencyKeyRef;
}

export interface IdempotencyKeyRef {
  scope: string;
  key: string;
}

export interface Page<T, K> {
  items: T[];
  /** The key of the last item when more follow. */
  next: K | null;
}

export interface RestaurantQuery {
  /** Only these restaurants (a key's venues); every one when absent. */
  restaurantIds?: readonly string[];
  /** Text in the name, cuisine or address, in any case, taken literally (no wildcards). */
  q?: string;
  /** One cuisine, in any case. */
  cuisine?: string;
  limit: number;
  after?: { name: string; id: string };
}

export interface ReservationQuery {
  restaurantId?: string;
  /** Only reservations of these restaurants (a key's venues); every one when absent. */
  restaurantIds?: readonly string[];
  phone?: string;
  from?: number;
  to?: number;
  state?: { state: ReservationState; cutoffs: LiveCutoffs };
  limit: number;
  after?: { startsAt: number; id: string };
}

export interface Repository {
  countRestaurants(): Promise<number>;
  /** Adds restaurants with their special days; one whose id is there already is left as it is (two instances seeding at once). */
  insertRestaurants(rows: Restaurant[]): Promise<void>;
  /** A restaurant with its special days, archived or not. */
  getRestaurant(id: string): Promise<Restaurant | null>;
  /** Restaurants that are not archived, by name. */
  listRestaurants(query: RestaurantQuery): Promise<Page<Restaurant, { name: string; id: string }>>;
  /**
   * In one write transaction (taken before the first read, so no booking can slip in between):
   * read the restaurant (null for a new id) and the reservations holding its seats now or later
   * (live by `cutoffs`), let `plan` decide the restaurant as it is to be (it may throw to refuse),
   * then write it and its special days. When the dining time changes, upcoming reservations are
   * held for the new one. A null plan writes nothing.
   */
  writeRestaurant(
    id: string,
    cutoffs: LiveCutoffs,
    plan: (current: Restaurant | null, booked: BookedSeats[]) => Restaurant | null,
  ): Promise<Restaurant | null>;
  /** Every cuisine some restaurant that is not archived serves, in order. */
  cuisines(): Promise<string[]>;

  getReservation(id: string): Promise<ReservationRow | null>;
  /** The reservation whose private link has this token hash. */
  getReservationByLink(guestLinkHash: string): Promise<ReservationRow | null>;
  /** An account's reservations, latest seating first. */
  listReservationsOfOwner(ownerUserId: string, limit: number, before?: { startsAt: number; id: string }): Promise<Page<ReservationRow, { startsAt: number; id: string }>>;
  /** Attaches an unowned reservation to an account; false when it already belongs to one. Of two claims at once, one wins. */
  claimReservation(id: string, ownerUserId: string): Promise<boolean>;
  /** How many reservations each restaurant took (by when they were made) in [from, to). */
  countBookingsMade(restaurantIds: readonly string[], from: number, to: number): Promise<Map<string, number>>;
  listReservations(query: ReservationQuery): Promise<Page<ReservationRow, { startsAt: number; id: string }>>;
  /**
   * The live holds in [from, to), for showing availability. It may be served from a cache kept
   * current by this backend's writes (and by other processes' or instances' commits, which the
   * backend must detect), so it is never what a booking is checked against: `writeReservation`'s
   * seat check reads the rows in its own transaction.
   */
  seatHolds(restaurantId: string, from: number, to: number, cutoffs: LiveCutoffs): Promise<SeatHold[]>;
  /**
   * In one write transaction: read the current row (null for a new id), let `plan` decide what to
   * write (it may throw to refuse), check seats, then write the row, its log entries, its
   * notifications (each at most once by dedupe key) and the link of its idempotency key. A null
   * plan writes nothing and returns the current row (and throws when there is none).
   *
   * Guarantees every backend keeps, under any number of concurrent callers and instances:
   * - Writes of one reservation are serialized: `plan` sees every write committed before it, so
   *   two read-modify-writes of one row never lose one of them.
   * - The seat check and the insert or update are serialized per restaurant: `fits` sees every
   *   hold committed before it and none can commit between the check and the write, so two
   *   writes can never both take the last seats.
   * - `plan` is pure: a backend that retries the transaction (a serialization failure, a
   *   deadlock) may call it, and `fits`, again; only the last call's decision is written.
   * - Throws what `plan` or `fits` throws, the very error, with nothing written: no row, no log
   *   entry, no notification, and the idempotency key left unlinked.
   * - The idempotency key is linked to the row in this same transaction, so a claim that outlives
   *   its request answers `committed` exactly when the row was written (`IdempotencyStore.claim`).
   */
  writeReservation(id: string, plan: (current: ReservationRow | null) => WritePlan | null): Promise<ReservationRow>;
  /** A reservation's log in the order it was written (ids rise with it), after the id `afterId`. */
  statusLog(reservationId: string, limit: number, afterId?: number): Promise<Page<StatusLogEntry & { id: number }, number>>;

  ping(): Promise<void>;
}
