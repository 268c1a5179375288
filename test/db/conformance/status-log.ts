/**
 * Status changes and their log: every entry comes back with who made it, in the order written,
 * and a change through the API writes the row, its log and its notifications together.
 */
import { describe, expect, setSystemTime, test } from "bun:test";
import { createApp } from "../../../src/app";
import type { Actor } from "../../../src/domain/actor";
import { outboxTargets } from "../../../src/notifications/targets";
import { API_KEY } from "../../support/app";
import { bistro, createdEntry, logOf, MINUTE, notificationsOf, type OpenStorage, reservationRow, SEATING, settings, store, useStorage } from "./support";

const actors: Array<{ name: string; actor: Actor }> = [
  { name: "an API key, by name", actor: { kind: "api_key", name: "frontdesk" } },
  { name: "a signed-in guest, by account", actor: { kind: "guest", userId: "01936f4e-0000-7000-8000-0000000000aa" } },
  { name: "the holder of a private link", actor: { kind: "link_holder" } },
  { name: "the clock", actor: { kind: "system" } },
];

export function statusLogConformance(open: OpenStorage) {
  describe("status changes and their log", () => {
    const storage = useStorage(open);

    for (const { name, actor } of actors) {
      test(`a log entry made by ${name} reads back with its actor`, async () => {
        const row = reservationRow();
        const entry = { ...createdEntry(row), actor };
        await storage().repo.writeReservation(row.id, () => ({ row, log: [entry] }));
        expect(await logOf(storage(), row.id)).toEqual([entry]);
      });
    }

    test("entries come in the order written, with rising ids, paged after the last id", async () => {
      const row = reservationRow();
      await store(storage(), row);
      for (const [fromStatus, toStatus] of [[0, 3], [3, 1], [1, 2]] as const) {
        await storage().repo.writeReservation(row.id, (current) => ({
          row: { ...current!, status: toStatus, version: current!.version + 1 },
          log: [{ ...createdEntry(row), fromStatus, toStatus, reason: `${fromStatus}->${toStatus}` }],
        }));
      }
      const first = await storage().repo.statusLog(row.id, 2);
      const rest = await storage().repo.statusLog(row.id, 10, first.next!);
      expect(first.next).toBe(first.items[1]!.id);
      expect([...first.items, ...rest.items].map((entry) => entry.reason)).toEqual(["reservation created", "0->3", "3->1", "1->2"]);
      expect(rest.next).toBeNull();
      const ids = [...first.items, ...rest.items].map((entry) => entry.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(4);
      expect(await storage().repo.statusLog(reservationRow().id, 10)).toEqual({ items: [], next: null });
    });

    test("a late check-in through the API writes down the clock's no-show at its instant, then the check-in, each queued once", async () => {
      const { app } = createApp({ settings, storage: storage() });
      const row = reservationRow(bistro);
      await store(storage(), row);
      const checkIn = SEATING + 30 * MINUTE;
      setSystemTime(new Date(checkIn));
      const response = await app.request(`/api/v1/reservations/${row.id}/status`, {
        method: "PUT",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ status: 1 }),
      });
      expect(response.status).toBe(200);

      expect(await storage().repo.getReservation(row.id)).toMatchObject({ status: 1, statusChangedAt: checkIn, version: 2 });
      const missedAt = SEATING + settings.statusRules.missedAfterMinutes * MINUTE;
      expect((await logOf(storage(), row.id)).slice(1).map(({ fromStatus, toStatus, at, actor }) => ({ fromStatus, toStatus, at, actor: actor.kind }))).toEqual([
        { fromStatus: 0, toStatus: 3, at: missedAt, actor: "system" },
        { fromStatus: 3, toStatus: 1, at: checkIn, actor: "api_key" },
      ]);
      expect(await notificationsOf(storage(), row.id, "status_changed")).toHaveLength(2 * outboxTargets(settings, "status_changed").length);
    });
  });
}
