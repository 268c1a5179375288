/**
 * What the scheduler writes down for the clock: no-shows and check-outs at their threshold
 * instants, and reminders when they come due. The rules are the domain's and the services'
 * (`statusAt`, the status log entry, the dedupe keys); storage only finds the rows and writes.
 */
import type { ClockWrite, JobStore, ReservationAt } from "../db/job-store";
import { liveCutoffs, statusAt } from "../domain/reservation-status";
import { messageSnapshot } from "../notifications/snapshot";
import { outboxEntries } from "../notifications/targets";
import { automaticEntry, statusNotifications } from "../services/status-events";
import type { Settings } from "../settings";

const MINUTE = 60_000;

/** Rows moved in one transaction: a backlog is written in several, none of them long. */
const TRANSITION_BATCH = 500;

/** The write for a reservation the clock has moved on: stored at its threshold instant, by the system. */
export function clockWrite(settings: Settings, { row, restaurant }: ReservationAt, cutoffs: ReturnType<typeof liveCutoffs>, now: number): ClockWrite {
  const live = statusAt(row.status, row.startsAt, cutoffs, settings.statusRules);
  const at = live.automaticSince!;
  const entry = automaticEntry(row, live.status, at);
  return {
    row: { ...row, status: live.status, statusChangedAt: at, updatedAt: now, version: row.version + 1 },
    log: [entry],
    notifications: statusNotifications(settings, entry, row, restaurant),
  };
}

export async function applyClockChanges(jobs: JobStore, settings: Settings, now: number): Promise<{ missed: number; checkedOut: number }> {
  const cutoffs = liveCutoffs(now, settings.statusRules);
  const moved = { missed: 0, checkedOut: 0 };
  for (;;) {
    const written = await jobs.applyAutomaticTransitions(cutoffs, TRANSITION_BATCH, (due) => clockWrite(settings, due, cutoffs, now));
    for (const row of written) moved[row.status === 3 ? "missed" : "checkedOut"] += 1;
    if (written.length < TRANSITION_BATCH) return moved;
  }
}

/**
 * Queues the reminders now due, one per target, for reservations booked before the reminder's
 * lead time. Only the nearest reminder is due: one that a stopped scheduler missed is not sent
 * late. A reminder is queued once per reservation, lead time, start and target.
 */
export async function queueDueReminders(jobs: JobStore, settings: Settings, now: number): Promise<number> {
  const leads = [...new Set(settings.scheduler.reminderMinutesBefore)].sort((a, b) => b - a);
  let queued = 0;
  for (const [index, minutes] of leads.entries()) {
    const later = leads[index + 1] ?? 0;
    const due = await jobs.upcomingStarting(now + later * MINUTE, now + minutes * MINUTE);
    const messages = due
      .filter(({ row }) => row.createdAt <= row.startsAt - minutes * MINUTE)
      .flatMap(({ row, restaurant }) =>
        outboxEntries(settings, {
          dedupeKey: `${row.id}:reminder:${minutes}:${row.startsAt}`,
          reservationId: row.id,
          kind: "reminder",
          payload: { ...messageSnapshot(row, restaurant), minutesBefore: minutes },
        }),
      );
    queued += await jobs.queueNotifications(messages, now);
  }
  return queued;
}
