/**
 * Two instances of the service on one database, as a scaled-out deployment (or the server and
 * `bun run jobs` on one SQLite file) runs: every guarantee that holds at once within one storage
 * holds across them, and what one instance writes, the other reads at once, whatever it caches.
 */
import { describe, expect, test } from "bun:test";
import type { Storage } from "../../../src/db/storage";
import { liveCutoffs } from "../../../src/domain/reservation-status";
import { applyClockChanges } from "../../../src/jobs/clock-changes";
import { atOnce, bistro, createdEntry, logOf, message, MINUTE, NoRoom, NOW, type OpenTwins, reservationRow, rules, SEATING, seatCheck, settings, store, useTwins } from "./support";

const covers = async (storage: Storage) =>
  (await storage.repo.seatHolds(bistro.id, SEATING, SEATING + bistro.diningMinutes * MINUTE, liveCutoffs(NOW, rules))).reduce((sum, hold) => sum + hold.guestCount, 0);

export function instanceConformance(openTwins: OpenTwins) {
  describe("two instances on one database", () => {
    const twins = useTwins(openTwins);

    test("bookings at once through both instances admit exactly what fits", async () => {
      const [a, b] = twins();
      const rows = Array.from({ length: 30 }, () => reservationRow(bistro, { guestCount: 1 }));
      const outcomes = await atOnce(30, (i) => (i % 2 === 0 ? a : b).repo.writeReservation(rows[i]!.id, () => ({ row: rows[i]!, seatCheck: seatCheck(bistro, rows[i]!), log: [createdEntry(rows[i]!)] })));
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(10);
      expect(outcomes.every((outcome) => outcome.status === "fulfilled" || outcome.reason instanceof NoRoom)).toBe(true);
      expect((await b.repo.listReservations({ limit: 100 })).items).toHaveLength(10);
    });

    test("seat holds one instance has read are current after the other books and cancels", async () => {
      const [a, b] = twins();
      expect(await covers(b)).toBe(0);
      const row = reservationRow(bistro, { guestCount: 4 });
      await store(a, row);
      expect(await covers(b)).toBe(4);
      await a.repo.writeReservation(row.id, (current) => ({ row: { ...current!, status: 4, version: current!.version + 1 } }));
      expect(await covers(b)).toBe(0);
    });

    test("the sweep on both instances at once moves each row once", async () => {
      const [a, b] = twins();
      const due = Array.from({ length: 20 }, (_, i) => reservationRow(bistro, { startsAt: SEATING + (i % 5) * 15 * MINUTE }));
      await store(a, ...due);
      const later = SEATING + 3 * 60 * MINUTE;
      const [first, second] = await Promise.all([applyClockChanges(a.jobs, settings, later), applyClockChanges(b.jobs, settings, later)]);
      expect(first.missed + second.missed).toBe(20);
      for (const row of due) expect((await logOf(b, row.id)).filter((entry) => entry.actor.kind === "system")).toHaveLength(1);
    });

    test("claims on both instances at once never share an entry", async () => {
      const [a, b] = twins();
      const row = reservationRow();
      await store(a, row);
      await a.jobs.queueNotifications(Array.from({ length: 30 }, (_, i) => message(row, `m${i}`)), NOW);
      const claims = await Promise.all([a, b, a, b].map((storage) => storage.jobs.claimNotifications(NOW, 10, 60_000)));
      claims.push(await b.jobs.claimNotifications(NOW, 100, 60_000));
      const ids = claims.flat().map((entry) => entry.id);
      expect(new Set(ids).size).toBe(30);
      expect(ids).toHaveLength(30);
    });

    test("the shared hit counter counts hits on both instances in one window", async () => {
      const [a, b] = twins();
      const hits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).hitCounter.increment("k", 60_000, NOW)));
      expect(hits.map((hit) => hit.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    test("of claims of one idempotency key on both instances at once, exactly one is claimed", async () => {
      const [a, b] = twins();
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).idempotency.claim("frontdesk", "k", "h", NOW, NOW + 86_400_000, NOW - 60_000)));
      expect(outcomes.filter((outcome) => outcome.outcome === "claimed")).toHaveLength(1);
    });
  });
}
