/**
 * `writeReservation` under concurrency: the seat check and the write are one step per
 * restaurant, a read-modify-write of one row loses nothing, and a refusal writes nothing.
 */
import { describe, expect, test } from "bun:test";
import { createApp } from "../../../src/app";
import { liveCutoffs } from "../../../src/domain/reservation-status";
import { API_KEY, booking, restaurant } from "../../support/app";
import {
  atOnce,
  bistro,
  createdEntry,
  logOf,
  message,
  NoRoom,
  notificationsOf,
  NOW,
  type OpenStorage,
  reservationRow,
  rules,
  SEATING,
  seatCheck,
  settings,
  store,
  useStorage,
} from "./support";

const lastTable = restaurant({ name: "One Table", capacity: 4, maxPartySize: 4 });

export function capacityConformance(open: OpenStorage) {
  describe("capacity under concurrency", () => {
    const storage = useStorage(open, [bistro, lastTable]);

    test("50 bookings at once through the API for the last table give one 201, 49 409s and one stored row", async () => {
      const { app } = createApp({ settings, storage: storage() });
      const attempt = (guest: number) =>
        app.request("/api/v1/reservations", {
          method: "POST",
          headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify(booking(lastTable.id, { guestCount: 4, date: "2026-12-18T19:00", occasion: `guest ${guest}` })),
        });
      const responses = await Promise.all(Array.from({ length: 50 }, (_, guest) => attempt(guest)));
      const bodies = await Promise.all(responses.map((response) => response.json()));
      const statuses = responses.map((response) => response.status);

      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(49);
      expect(bodies.filter((body) => body.status === 409).every((body) => body.code === "conflict" && body.remainingCovers === 0)).toBe(true);
      const stored = await storage().repo.listReservations({ restaurantId: lastTable.id, limit: 100 });
      expect(stored.items.map((row) => ({ id: row.id, guestCount: row.guestCount }))).toEqual([{ id: bodies[statuses.indexOf(201)].id, guestCount: 4 }]);
    });

    const fills = [
      { name: "50 parties of one for 10 covers", writers: 50, party: 1, admitted: 10 },
      { name: "30 parties of three for 10 covers", writers: 30, party: 3, admitted: 3 },
      { name: "20 parties of six for 10 covers", writers: 20, party: 6, admitted: 1 },
    ];
    for (const { name, writers, party, admitted } of fills) {
      test(`writes at once, each checking seats in its transaction, admit exactly what fits: ${name}`, async () => {
        const rows = Array.from({ length: writers }, () => reservationRow(bistro, { guestCount: party }));
        const outcomes = await atOnce(writers, (index) =>
          storage().repo.writeReservation(rows[index]!.id, () => ({ row: rows[index]!, seatCheck: seatCheck(bistro, rows[index]!), log: [createdEntry(rows[index]!)] })),
        );
        expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(admitted);
        const refusals = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason] : []));
        expect(refusals.every((reason) => reason instanceof NoRoom)).toBe(true);
        const stored = await storage().repo.listReservations({ restaurantId: bistro.id, limit: 100 });
        expect(stored.items).toHaveLength(admitted);
        const holds = await storage().repo.seatHolds(bistro.id, SEATING, SEATING + bistro.diningMinutes * 60_000, liveCutoffs(NOW, rules));
        expect(holds.reduce((sum, hold) => sum + hold.guestCount, 0)).toBe(admitted * party);
      });
    }

    test("read-modify-writes of one reservation at once lose none: each plan sees the write before it", async () => {
      const row = reservationRow();
      await store(storage(), row);
      await atOnce(20, (index) =>
        storage().repo.writeReservation(row.id, (current) => ({
          row: { ...current!, version: current!.version + 1, occasion: `edit ${index}` },
          log: [{ ...createdEntry(row), fromStatus: 0, toStatus: 0, reason: `edit ${index} over version ${current!.version}` }],
        })),
      );
      expect((await storage().repo.getReservation(row.id))?.version).toBe(21);
      const reasons = (await logOf(storage(), row.id)).slice(1).map((entry) => entry.reason);
      expect(reasons.map((reason) => Number(reason.split(" ").at(-1))).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    });
  });

  describe("writeReservation's refusals", () => {
    const storage = useStorage(open);
    const refusals = [
      { name: "plan refuses a new reservation", existing: false, refusedBy: "plan" },
      { name: "plan refuses a change to a stored reservation", existing: true, refusedBy: "plan" },
      { name: "the seat check refuses a new reservation", existing: false, refusedBy: "fits" },
      { name: "the seat check refuses a change to a stored reservation", existing: true, refusedBy: "fits" },
    ] as const;
    for (const { name, existing, refusedBy } of refusals) {
      test(`throws the very error and writes nothing when ${name}`, async () => {
        const row = reservationRow();
        if (existing) await store(storage(), row);
        const claim = await storage().idempotency.claim("frontdesk", `key-${row.id}`, "hash", NOW, NOW + 86_400_000, NOW - 60_000);
        expect(claim.outcome).toBe("claimed");
        const before = { row: await storage().repo.getReservation(row.id), log: await logOf(storage(), row.id), outbox: await notificationsOf(storage(), row.id) };
        const refusal = new Error(`refused by ${refusedBy}`);

        const write = storage().repo.writeReservation(row.id, () => {
          if (refusedBy === "plan") throw refusal;
          const changed = { ...row, guestCount: 4, version: existing ? 2 : 1 };
          return {
            row: changed,
            seatCheck: { ...seatCheck(bistro, changed), fits: () => { throw refusal; } },
            log: [createdEntry(changed)],
            notifications: [message(changed, "refused")],
            idempotencyKey: { scope: "frontdesk", key: `key-${row.id}` },
          };
        });

        await expect(write).rejects.toBe(refusal);
        expect({ row: await storage().repo.getReservation(row.id), log: await logOf(storage(), row.id), outbox: await notificationsOf(storage(), row.id) }).toEqual(before);
        // The key was not linked: a takeover of the abandoned claim runs the request afresh.
        const takeover = await storage().idempotency.claim("frontdesk", `key-${row.id}`, "hash", NOW + 120_000, NOW + 86_400_000, NOW + 60_000);
        expect(takeover).toEqual({ outcome: "claimed" });
      });
    }

    test("a null plan writes nothing and answers the stored row", async () => {
      const row = reservationRow();
      await store(storage(), row);
      expect(await storage().repo.writeReservation(row.id, () => null)).toEqual(row);
      expect(await logOf(storage(), row.id)).toHaveLength(1);
    });

    test("a null plan for an unknown reservation throws", async () => {
      await expect(storage().repo.writeReservation(Bun.randomUUIDv7(), () => null)).rejects.toThrow();
    });

    test("a plan sees null for a new id and the stored row for a known one", async () => {
      const row = reservationRow();
      const seen: unknown[] = [];
      await storage().repo.writeReservation(row.id, (current) => (seen.push(current), { row }));
      await storage().repo.writeReservation(row.id, (current) => (seen.push(current), null));
      expect(seen).toEqual([null, row]);
    });
  });
}
