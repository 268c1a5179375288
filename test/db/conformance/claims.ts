/**
 * The outbox's claims are leases: claims at once never share an entry, an entry is taken again
 * only when its lease runs out, and every outcome of a send (sent, retry, dead, requeued) holds.
 */
import { describe, expect, test } from "bun:test";
import type { Storage } from "../../../src/db/storage";
import { message, NOW, type OpenStorage, reservationRow, store, useStorage } from "./support";

const LEASE = 120_000;

/** Queues `count` messages for one stored reservation; answers their ids, oldest first. */
async function queue(storage: Storage, count: number, now = NOW): Promise<number[]> {
  const row = reservationRow();
  await store(storage, row);
  await storage.jobs.queueNotifications(Array.from({ length: count }, (_, i) => message(row, `m${i}`, { payload: { n: i, nested: { ok: true } } })), now);
  const { items } = await storage.jobs.listNotifications({ limit: 1000 });
  return items.map((entry) => entry.id);
}

export function claimConformance(open: OpenStorage) {
  describe("notification claims", () => {
    const storage = useStorage(open);

    test("claims at once never answer the same entry twice, and lose none: the next claim takes what they left", async () => {
      const ids = await queue(storage(), 40);
      const claims = await Promise.all(Array.from({ length: 4 }, () => storage().jobs.claimNotifications(NOW, 15, LEASE)));
      // A backend may skip what a concurrent claim holds, so four claims need not take all 40;
      // what they leave is due still, and one more claim takes it.
      claims.push(await storage().jobs.claimNotifications(NOW, 100, LEASE));
      const claimed = claims.flat().map((entry) => entry.id);
      expect(claimed.sort((a, b) => a - b)).toEqual(ids);
      expect(claims.flat().every((entry) => entry.attempts === 1)).toBe(true);
    });

    test("a claim answers the entry as queued, oldest first, counting the attempt", async () => {
      const [first] = await queue(storage(), 3);
      const [claimed] = await storage().jobs.claimNotifications(NOW, 1, LEASE);
      expect(claimed).toMatchObject({ id: first, kind: "reservation_created", channel: "email", subscriber: null, payload: { n: 0, nested: { ok: true } }, attempts: 1, createdAt: NOW });
      expect(await storage().jobs.getNotification(first!)).toMatchObject({ state: "sending", attempts: 1, updatedAt: NOW });
    });

    const leases = [
      { name: "a millisecond before its lease runs out, nobody takes it", after: LEASE - 1, taken: false },
      { name: "at exactly the end of its lease, the next sweep takes it, as a second attempt", after: LEASE, taken: true },
    ];
    for (const { name, after, taken } of leases) {
      test(`an entry whose sender died mid-send: ${name}`, async () => {
        const [id] = await queue(storage(), 1);
        await storage().jobs.claimNotifications(NOW, 10, LEASE);
        const again = await storage().jobs.claimNotifications(NOW + after, 10, LEASE);
        expect(again.map(({ id, attempts }) => ({ id, attempts }))).toEqual(taken ? [{ id: id!, attempts: 2 }] : []);
      });
    }

    test("an entry queued for later is not due before its time", async () => {
      await queue(storage(), 1, NOW + 1000);
      expect(await storage().jobs.claimNotifications(NOW + 999, 10, LEASE)).toEqual([]);
      expect(await storage().jobs.claimNotifications(NOW + 1000, 10, LEASE)).toHaveLength(1);
    });

    test("a sent or skipped entry is never claimed again, and leaves the depth", async () => {
      const [sent, skipped, waiting] = await queue(storage(), 3);
      await storage().jobs.claimNotifications(NOW, 10, LEASE);
      await storage().jobs.finishNotification(sent!, NOW + 1, "sent");
      await storage().jobs.finishNotification(skipped!, NOW + 1, "skipped");
      expect(await storage().jobs.outboxDepth()).toBe(1);
      const later = await storage().jobs.claimNotifications(NOW + 10 * LEASE, 10, LEASE);
      expect(later.map((entry) => entry.id)).toEqual([waiting!]);
      expect((await storage().jobs.getNotification(sent!))?.state).toBe("sent");
    });

    test("a failure with a retry time waits for it; one without goes dead, and a requeue revives only a dead one", async () => {
      const [retried, dead] = await queue(storage(), 2);
      await storage().jobs.claimNotifications(NOW, 10, LEASE);
      await storage().jobs.failNotification(retried!, NOW + 1, "busy", NOW + 5000);
      await storage().jobs.failNotification(dead!, NOW + 1, "x".repeat(2000), null);
      expect(await storage().jobs.getNotification(retried!)).toMatchObject({ state: "pending", lastError: "busy", nextAttemptAt: NOW + 5000, attempts: 1 });
      const gaveUp = await storage().jobs.getNotification(dead!);
      expect(gaveUp).toMatchObject({ state: "dead", attempts: 1 });
      expect(gaveUp!.lastError!.length).toBeLessThanOrEqual(500);
      expect(await storage().jobs.claimNotifications(NOW + 4999, 10, LEASE)).toEqual([]);
      expect((await storage().jobs.claimNotifications(NOW + 5000, 10, LEASE)).map((entry) => ({ id: entry.id, attempts: entry.attempts }))).toEqual([{ id: retried!, attempts: 2 }]);

      expect(await storage().jobs.requeueNotification(retried!, NOW + 6000)).toBeNull();
      expect(await storage().jobs.requeueNotification(dead!, NOW + 6000)).toMatchObject({ id: dead, state: "pending", attempts: 0, nextAttemptAt: NOW + 6000 });
      expect(await storage().jobs.requeueNotification(123_456_789, NOW)).toBeNull();
    });

    test("lists entries in id order, by state, paged after the last id", async () => {
      const ids = await queue(storage(), 3);
      await storage().jobs.claimNotifications(NOW, 1, LEASE);
      const first = await storage().jobs.listNotifications({ limit: 2 });
      expect({ ids: first.items.map((entry) => entry.id), next: first.next }).toEqual({ ids: ids.slice(0, 2), next: ids[1]! });
      expect((await storage().jobs.listNotifications({ limit: 2, afterId: first.next! })).items.map((entry) => entry.id)).toEqual(ids.slice(2));
      expect((await storage().jobs.listNotifications({ state: "sending", limit: 10 })).items.map((entry) => entry.id)).toEqual(ids.slice(0, 1));
      expect(await storage().jobs.getNotification(123_456_789)).toBeNull();
    });

    test("pruning forgets finished entries last touched before the cut-off, and keeps waiting ones", async () => {
      const [sent, dead, waiting] = await queue(storage(), 3);
      await storage().jobs.claimNotifications(NOW, 2, LEASE);
      await storage().jobs.finishNotification(sent!, NOW + 10, "sent");
      await storage().jobs.failNotification(dead!, NOW + 20, "no", null);
      expect(await storage().jobs.pruneOutbox(NOW + 10)).toBe(0);
      expect(await storage().jobs.pruneOutbox(NOW + 11)).toBe(1);
      expect(await storage().jobs.pruneOutbox(NOW + 1_000_000)).toBe(1);
      expect((await storage().jobs.listNotifications({ limit: 10 })).items.map((entry) => entry.id)).toEqual([waiting!]);
    });
  });
}
