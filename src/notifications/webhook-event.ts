import { formatLocal, formatUtc } from "../domain/local-time";
import { stateOf } from "../domain/reservation-status";
import type { WebhookEvent } from "./sender";
import type { MessageSnapshot, NotificationPayload } from "./snapshot";
import { eventTypes, type NotificationKind } from "./targets";

/**
 * The payload Standard Webhooks recommends: `{ type, timestamp, data }`, with the reservation as
 * it was when the event happened (its date in the restaurant's zone, as the API shows it) and
 * what changed.
 */
export function webhookEvent(kind: string, payload: NotificationPayload & MessageSnapshot, happenedAt: number): WebhookEvent {
  const { reservation, restaurant } = payload;
  const data: Record<string, unknown> = {
    reservation: {
      id: reservation.id,
      restaurantId: reservation.restaurantId,
      firstName: reservation.firstName,
      lastName: reservation.lastName,
      date: formatLocal(reservation.startsAt, restaurant.timeZone),
      timeZone: restaurant.timeZone,
      guestCount: reservation.guestCount,
      status: reservation.status,
      state: stateOf(reservation.status),
      occasion: reservation.occasion,
    },
  };
  if (payload.to !== undefined) data.change = { from: payload.from ?? null, to: payload.to, at: formatUtc(payload.at ?? happenedAt) };
  if (payload.previous) data.previous = { date: formatLocal(payload.previous.startsAt, restaurant.timeZone), guestCount: payload.previous.guestCount };
  if (payload.minutesBefore !== undefined) data.minutesBefore = payload.minutesBefore;
  return { type: eventTypes[kind as NotificationKind] ?? `reservation.${kind}`, timestamp: formatUtc(happenedAt), data };
}
