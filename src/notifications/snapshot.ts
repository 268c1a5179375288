/**
 * What a message needs, taken when the event happens and stored with its outbox entries, so that
 * a message says what happened when it happened, whatever the reservation says by the time it
 * is sent. Addresses and consent are not in it: they are read at send time.
 */
import type { ReservationRow } from "../db/repository";
import type { StatusCode } from "../domain/reservation-status";
import type { Restaurant } from "../domain/restaurant";

export interface MessageSnapshot {
  reservation: {
    id: string;
    restaurantId: string;
    firstName: string;
    lastName: string;
    guestCount: number;
    /** Epoch ms; rendered in the restaurant's zone. */
    startsAt: number;
    status: StatusCode;
    occasion: string | null;
  };
  restaurant: { id: string; name: string; timeZone: string; externalId: string | null };
}

/** The payload of an outbox entry: the snapshot and what the event adds to it. */
export interface NotificationPayload extends Partial<MessageSnapshot> {
  /** status_changed: the states, and when. */
  from?: string | null;
  to?: string;
  at?: number;
  /** reminder: how long before the reservation. */
  minutesBefore?: number;
  /** reservation_changed: the time and party before the change. */
  previous?: { startsAt: number; guestCount: number };
  /** reservation_created: an absolute URL of the guest's own page for the reservation. */
  link?: string;
}

/** What a message says of the restaurant. */
export type SnapshotRestaurant = Pick<Restaurant, "id" | "name" | "timeZone" | "externalId">;

export function messageSnapshot(row: ReservationRow, restaurant: SnapshotRestaurant, status: StatusCode = row.status): MessageSnapshot {
  return {
    reservation: {
      id: row.id,
      restaurantId: row.restaurantId,
      firstName: row.firstName,
      lastName: row.lastName,
      guestCount: row.guestCount,
      startsAt: row.startsAt,
      status,
      occasion: row.occasion,
    },
    restaurant: { id: restaurant.id, name: restaurant.name, timeZone: restaurant.timeZone, externalId: restaurant.externalId },
  };
}
