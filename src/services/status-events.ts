/**
 * A status change as the log and the outbox record it, whoever records it: the API's writes and
 * the scheduler's share these, so a change the clock made is logged and queued once.
 */
import type { ReservationRow, StatusLogEntry } from "../db/repository";
import { systemActor } from "../domain/actor";
import { automaticReasons, type StatusCode, stateOf } from "../domain/reservation-status";
import { messageSnapshot, type SnapshotRestaurant } from "../notifications/snapshot";
import { outboxEntries } from "../notifications/targets";
import type { Settings } from "../settings";

/** The log entry for a change the clock has made but the stored row has not caught up with. */
export function automaticEntry(row: ReservationRow, to: StatusCode, at: number): StatusLogEntry {
  const reason = to === 3 ? automaticReasons.missed : automaticReasons.guest_left;
  return { reservationId: row.id, fromStatus: row.status, toStatus: to, at, actor: systemActor, reason };
}

export function statusNotifications(settings: Settings, entry: StatusLogEntry, row: ReservationRow, restaurant: SnapshotRestaurant) {
  const to = stateOf(entry.toStatus);
  return outboxEntries(settings, {
    dedupeKey: `${entry.reservationId}:status:${to}:${entry.at}`,
    reservationId: entry.reservationId,
    kind: "status_changed",
    payload: { ...messageSnapshot(row, restaurant, entry.toStatus), from: entry.fromStatus === null ? null : stateOf(entry.fromStatus), to, at: entry.at },
  });
}

