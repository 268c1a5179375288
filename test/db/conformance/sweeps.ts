/**
 * The scheduler's writes: the clock's transitions, queued messages and the reminder query. Each
 * is safe to run twice at once: what one run writes, the other does not write again.
 */
import { describe, expect, test } from "bun:test";
import type { ReservationAt } from "../../../src/db/job-store";
import { liveCutoffs } from "../../../src/domain/reservation-status";
import { applyClockChanges, clockWrite } from "../../../src/jobs/clock-changes";
import { outboxTargets } from "../../../src/notifications/targets";
import { restaurant } from "../../support/app";
import { bistro, logOf, message, MINUTE, notificationsOf, NOW, type OpenStorage, reservationRow, rules, SEATING, settings, store, useStorage } from "./support";

const externalBistro = restaurant({ name: "Listed Bistro", externalId: "ext-1" });
const channelsPerChange = outboxTargets(settings, "status_changed").length;

export function sweepConformance(open: OpenStorage) {
  describe("the clock's transitions", () => {
    const storage = useStorage(open, [bistro, externalBistro]);
    const later = SEATING + 8 * 60 * MINUTE;

    test("two sweeps at once move each due row once: one log entry and one set of notifications each", async () => {
      const due = Array.from({ length: 30 }, (_, i) => reservationRow(bistro, { startsAt: SEATING + (i % 10) * 15 * MINUTE, status: i % 3 === 0 ? 1 : 0 }));
      await store(storage(), ...due);
      const [first, second] = await Promise.all([applyClockChanges(storage().jobs, settings, later), applyClockChanges(storage().jobs, settings, later)]);
      expect(first.missed + second.missed).toBe(20);
      expect(first.checkedOut + second.checkedOut).toBe(10);
      for (const row of due) {
        const automatic = (await logOf(storage(), row.id)).filter((entry) => entry.actor.kind === "system");
        expect(automatic.map((entry) => entry.toStatus)).toEqual([row.status === 1 ? 2 : 3]);
        expect(await notificationsOf(storage(), row.id, "status_changed")).toHaveLength(channelsPerChange);
      }
    });

    test("two runs of applyAutomaticTransitions at once answer disjoint rows, and a third finds only what they left", async () => {
      const due = Array.from({ length: 12 }, (_, i) => reservationRow(bistro, { startsAt: SEATING + i * MINUTE }));
      await store(storage(), ...due);
      const cutoffs = liveCutoffs(later, rules);
      const plan = (at: ReservationAt) => clockWrite(settings, at, cutoffs, later);
      const runs = await Promise.all([storage().jobs.applyAutomaticTransitions(cutoffs, 100, plan), storage().jobs.applyAutomaticTransitions(cutoffs, 100, plan)]);
      // A row one run holds is left by the other for the next run, not waited for.
      runs.push(await storage().jobs.applyAutomaticTransitions(cutoffs, 100, plan));
      const ids = runs.flat().map((row) => row.id);
      expect(ids.sort()).toEqual(due.map((row) => row.id).sort());
    });

    test("takes at most the limit, oldest first, and hands the plan each row with its restaurant", async () => {
      const due = [2, 0, 1].map((i) => reservationRow(i === 1 ? externalBistro : bistro, { startsAt: SEATING + i * MINUTE }));
      await store(storage(), ...due);
      const cutoffs = liveCutoffs(later, rules);
      // By id: a backend that retries the transaction may hand the plan a row again.
      const seen = new Map<string, ReservationAt>();
      const written = await storage().jobs.applyAutomaticTransitions(cutoffs, 2, (at) => (seen.set(at.row.id, at), clockWrite(settings, at, cutoffs, later)));
      expect(written.map((row) => row.startsAt)).toEqual([SEATING, SEATING + MINUTE]);
      expect([...seen.values()].map(({ row, restaurant }) => ({ id: row.id, restaurant }))).toEqual([
        { id: due[1]!.id, restaurant: { id: bistro.id, name: bistro.name, timeZone: bistro.timeZone, externalId: null } },
        { id: due[2]!.id, restaurant: { id: externalBistro.id, name: externalBistro.name, timeZone: externalBistro.timeZone, externalId: "ext-1" } },
      ]);
      expect(written.map((row) => row.status)).toEqual([3, 3]);
    });

    test("leaves rows the clock has not moved on: later seatings, and stored left, missed or cancelled", async () => {
      const untouched = [
        reservationRow(bistro, { startsAt: later }),
        ...([2, 3, 4] as const).map((status) => reservationRow(bistro, { status })),
      ];
      await store(storage(), ...untouched);
      expect(await applyClockChanges(storage().jobs, settings, later)).toEqual({ missed: 0, checkedOut: 0 });
      for (const row of untouched) expect(await storage().repo.getReservation(row.id)).toEqual(row);
    });
  });

  describe("queued notifications", () => {
    const storage = useStorage(open);

    test("each message is queued once by its dedupe key, however often and however many at once", async () => {
      const row = reservationRow();
      await store(storage(), row);
      const messages = ["a", "b", "c"].map((key) => message(row, key));
      const counts = await Promise.all([storage().jobs.queueNotifications(messages, NOW), storage().jobs.queueNotifications(messages, NOW)]);
      expect(counts[0]! + counts[1]!).toBe(3);
      expect(await storage().jobs.queueNotifications([...messages, message(row, "d")], NOW + 1)).toBe(1);
      const queued = await notificationsOf(storage(), row.id);
      expect(queued.map(({ state, attempts, nextAttemptAt, createdAt }) => ({ state, attempts, nextAttemptAt, createdAt }))).toEqual([
        ...Array(3).fill({ state: "pending", attempts: 0, nextAttemptAt: NOW, createdAt: NOW }),
        { state: "pending", attempts: 0, nextAttemptAt: NOW + 1, createdAt: NOW + 1 },
      ]);
      expect(await storage().jobs.outboxDepth()).toBe(4);
    });

    test("a message a booking queued is not queued again by the sweep", async () => {
      const row = reservationRow();
      await storage().repo.writeReservation(row.id, () => ({ row, notifications: [message(row, "created")] }));
      expect(await storage().jobs.queueNotifications([message(row, "created")], NOW)).toBe(0);
      expect(await notificationsOf(storage(), row.id)).toHaveLength(1);
    });
  });

  describe("reservations starting soon", () => {
    const storage = useStorage(open);

    const windows = [
      { name: "a start at the window's end is in it", startsAt: SEATING, status: 0, found: true },
      { name: "a start at the window's beginning is not (the window is open there)", startsAt: SEATING - 60 * MINUTE, status: 0, found: false },
      { name: "a start a millisecond after the beginning is in it", startsAt: SEATING - 60 * MINUTE + 1, status: 0, found: true },
      { name: "a start a millisecond after the end is not", startsAt: SEATING + 1, status: 0, found: false },
      { name: "a seated party is not upcoming", startsAt: SEATING, status: 1, found: false },
      { name: "a cancelled one is not", startsAt: SEATING, status: 4, found: false },
    ] as const;
    for (const { name, startsAt, status, found } of windows) {
      test(`upcomingStarting(after, atOrBefore]: ${name}`, async () => {
        const row = reservationRow(bistro, { startsAt, status });
        await store(storage(), row);
        const due = await storage().jobs.upcomingStarting(SEATING - 60 * MINUTE, SEATING);
        expect(due).toEqual(found ? [{ row, restaurant: { id: bistro.id, name: bistro.name, timeZone: bistro.timeZone, externalId: null } }] : []);
      });
    }
  });
}
