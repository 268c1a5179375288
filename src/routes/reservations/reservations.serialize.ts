import { formatLocal, formatUtc } from "../../domain/local-time";
import { stateOf } from "../../domain/reservation-status";
import type { ReservationView } from "../../services/reservations";

/** The API representation of a reservation: instants as RFC 3339, the seating in local time. */
export function reservationJson({ row, timeZone, status, statusChangedAt }: ReservationView) {
  return {
    id: row.id,
    restaurantId: row.restaurantId,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    email: row.email,
    receiveEmailUpdates: row.receiveEmailUpdates,
    receivePhoneCall: row.receivePhoneCall,
    receiveTextNotification: row.receiveTextNotification,
    occasion: row.occasion,
    date: formatLocal(row.startsAt, timeZone),
    guestCount: row.guestCount,
    status,
    state: stateOf(status),
    statusChangedAt: formatUtc(statusChangedAt),
    createdAt: formatUtc(row.createdAt),
    updatedAt: formatUtc(row.updatedAt),
  };
}
