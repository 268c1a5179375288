/**
 * Idempotency keys: a claim says what a request with a key may do, one claim of a key wins at
 * once, and the key is linked to the booking in the booking's own transaction, so a request that
 * died after committing is answered `committed`, never booked twice.
 */
import { describe, expect, test } from "bun:test";
import { createApp } from "../../../src/app";
import { API_KEY, booking } from "../../support/app";
import { atOnce, bistro, createdEntry, NOW, type OpenStorage, reservationRow, settings, useStorage } from "./support";

const DAY = 86_400_000;
const response = { status: 201, headers: { "content-type": "application/json", location: "/api/v1/reservations/x" }, body: '{"id":"x"}' };

export function idempotencyConformance(open: OpenStorage) {
  describe("idempotency keys", () => {
    const storage = useStorage(open);
    const claim = (key: string, hash: string, now: number, staleBefore = now - 60_000, expiresAt = NOW + DAY) =>
      storage().idempotency.claim("frontdesk", key, hash, now, expiresAt, staleBefore);

    test("a key is claimed once: then in flight, another body is a mismatch, and a completed one replays", async () => {
      expect(await claim("k", "h1", NOW)).toEqual({ outcome: "claimed" });
      expect(await claim("k", "h1", NOW + 1)).toEqual({ outcome: "in_flight" });
      expect(await claim("k", "h2", NOW + 1)).toEqual({ outcome: "mismatch" });
      await storage().idempotency.complete("frontdesk", "k", response);
      expect(await claim("k", "h1", NOW + 2)).toEqual({ outcome: "replay", response });
      expect(await claim("k", "h2", NOW + 2)).toEqual({ outcome: "mismatch" });
    });

    test("keys are scoped to the API key that sent them", async () => {
      expect(await claim("k", "h1", NOW)).toEqual({ outcome: "claimed" });
      expect(await storage().idempotency.claim("kiosk", "k", "h2", NOW, NOW + DAY, NOW - 60_000)).toEqual({ outcome: "claimed" });
    });

    test("a released key, and an expired one, are claimed afresh; prune forgets only the expired", async () => {
      await claim("released", "h1", NOW);
      await storage().idempotency.release("frontdesk", "released");
      expect(await claim("released", "h2", NOW + 1)).toEqual({ outcome: "claimed" });

      await claim("expiring", "h1", NOW, NOW - 60_000, NOW + 1000);
      await storage().idempotency.complete("frontdesk", "expiring", response);
      expect(await claim("expiring", "h2", NOW + 999, NOW - 60_000, NOW + 1000)).toEqual({ outcome: "mismatch" });
      expect(await storage().idempotency.prune(NOW + 999)).toBe(0);
      expect(await storage().idempotency.prune(NOW + 1000)).toBe(1);
      expect(await claim("expiring", "h2", NOW + 1000)).toEqual({ outcome: "claimed" });
    });

    test("of ten claims of one key at once, exactly one is claimed and the rest are in flight", async () => {
      const outcomes = await atOnce(10, () => claim("k", "h1", NOW));
      const answers = outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.outcome : `threw ${outcome.reason}`));
      expect(answers.filter((answer) => answer === "claimed")).toHaveLength(1);
      expect(answers.filter((answer) => answer === "in_flight")).toHaveLength(9);
    });

    const takeovers = [
      { name: "after the booking it claimed was written, answers committed with the booking's id", written: true },
      { name: "when its booking was never written, is claimed afresh", written: false },
    ];
    for (const { name, written } of takeovers) {
      test(`an abandoned claim, taken over ${name}`, async () => {
        expect(await claim("k", "h1", NOW)).toEqual({ outcome: "claimed" });
        const row = reservationRow();
        if (written) await storage().repo.writeReservation(row.id, () => ({ row, log: [createdEntry(row)], idempotencyKey: { scope: "frontdesk", key: "k" } }));
        // Not stale yet: still in flight, whatever was written.
        expect(await claim("k", "h1", NOW + 30_000, NOW - 1)).toEqual({ outcome: "in_flight" });
        const takeover = await claim("k", "h1", NOW + 120_000, NOW + 60_000);
        expect(takeover).toEqual(written ? { outcome: "committed", resourceId: row.id } : { outcome: "claimed" });
      });
    }

    test("two bookings at once with one Idempotency-Key through the API store one reservation", async () => {
      const { app } = createApp({ settings, storage: storage() });
      const post = () =>
        app.request("/api/v1/reservations", {
          method: "POST",
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", "idempotency-key": "once" },
          body: JSON.stringify(booking(bistro.id)),
        });
      const statuses = (await Promise.all([post(), post()])).map((answer) => answer.status).sort();
      expect([[201, 201], [201, 409]]).toContainEqual(statuses);
      expect((await storage().repo.listReservations({ limit: 10 })).items).toHaveLength(1);
      const replay = await post();
      expect({ status: replay.status, replayed: replay.headers.get("idempotent-replayed") }).toEqual({ status: 201, replayed: "true" });
      expect((await storage().repo.listReservations({ limit: 10 })).items).toHaveLength(1);
    });
  });
}
