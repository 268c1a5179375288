/**
 * The repository's reads: what is written comes back field for field, lists are ordered and
 * paged by their keys, and the one-shot writes (claiming a booking for an account) happen once.
 */
import { describe, expect, test } from "bun:test";
import type { ReservationRow } from "../../../src/db/repository";
import { restaurant } from "../../support/app";
import { bistro, MINUTE, NOW, type OpenStorage, reservationRow, SEATING, store, userRow, useStorage } from "./support";

const trattoria = restaurant({ name: "Trattoria", cuisine: "italian", specialDays: { "2026-12-24": [], "2026-12-31": [{ open: "18:00", close: "23:30" }] } });
const archived = restaurant({ name: "Gone Grill", cuisine: "steak", archivedAt: NOW - 1 });

export function reservationConformance(open: OpenStorage) {
  describe("reservations as stored", () => {
    const storage = useStorage(open, [bistro, trattoria, archived]);

    const shapes: Array<{ name: string; overrides: Partial<ReservationRow> }> = [
      { name: "with every optional field empty", overrides: {} },
      {
        name: "with every optional field set and every flag flipped",
        overrides: { email: "ada@example.com", occasion: "birthday", receiveEmailUpdates: true, receivePhoneCall: false, receiveTextNotification: true, guestLinkHash: "ab".repeat(32) },
      },
      { name: "stored as seated, with a late version", overrides: { status: 1, statusChangedAt: SEATING + 5 * MINUTE, version: 7, updatedAt: SEATING + 5 * MINUTE } },
    ];
    for (const { name, overrides } of shapes) {
      test(`a reservation ${name} reads back exactly as written`, async () => {
        const row = reservationRow(bistro, overrides);
        expect(await storage().repo.writeReservation(row.id, () => ({ row }))).toEqual(row);
        expect(await storage().repo.getReservation(row.id)).toEqual(row);
      });
    }

    test("an unknown id and an unknown link find nothing; a link finds its reservation", async () => {
      const row = reservationRow(bistro, { guestLinkHash: "cd".repeat(32) });
      await store(storage(), row);
      expect(await storage().repo.getReservation(Bun.randomUUIDv7())).toBeNull();
      expect(await storage().repo.getReservationByLink("ef".repeat(32))).toBeNull();
      expect(await storage().repo.getReservationByLink("cd".repeat(32))).toEqual(row);
    });

    test("a key holding a NUL character, which no row can have, finds nothing and is no error", async () => {
      const nul = "a\0b";
      const { repo } = storage();
      expect(await repo.getReservation(nul)).toBeNull();
      expect(await repo.getReservationByLink(nul)).toBeNull();
      expect(await repo.getRestaurant(nul)).toBeNull();
      expect((await repo.listRestaurants({ q: nul, limit: 10 })).items).toEqual([]);
      expect((await repo.listRestaurants({ cuisine: nul, limit: 10 })).items).toEqual([]);
      expect((await repo.listReservations({ restaurantId: nul, limit: 10 })).items).toEqual([]);
    });

    test("lists by start then id, paged by the last key, with each filter applied", async () => {
      const rows = [0, 1, 2, 3, 4].map((i) => reservationRow(i < 4 ? bistro : trattoria, { startsAt: SEATING + i * 15 * MINUTE, phone: i % 2 === 0 ? "4155550000" : "4155551111" }));
      await store(storage(), ...[...rows].reverse());
      const ids = (page: { items: ReservationRow[] }) => page.items.map((row) => row.id);

      const first = await storage().repo.listReservations({ limit: 2 });
      expect(ids(first)).toEqual([rows[0]!.id, rows[1]!.id]);
      expect(first.next).toEqual({ startsAt: rows[1]!.startsAt, id: rows[1]!.id });
      const last = await storage().repo.listReservations({ limit: 3, after: first.next! });
      expect({ ids: ids(last), next: last.next }).toEqual({ ids: rows.slice(2).map((row) => row.id), next: null });

      const filtered = [
        { query: { restaurantId: trattoria.id }, expected: [4] },
        { query: { restaurantIds: [bistro.id] }, expected: [0, 1, 2, 3] },
        { query: { restaurantIds: [] }, expected: [] },
        { query: { phone: "4155551111" }, expected: [1, 3] },
        { query: { from: rows[1]!.startsAt, to: rows[3]!.startsAt }, expected: [1, 2] },
      ];
      for (const { query, expected } of filtered) {
        expect({ query, ids: ids(await storage().repo.listReservations({ ...query, limit: 10 })) }).toEqual({ query, ids: expected.map((i) => rows[i]!.id) });
      }
    });

    test("an account's reservations come latest seating first, paged before the last key", async () => {
      const owner = userRow();
      await storage().accounts.createUser(owner);
      const rows = [0, 1, 2].map((i) => reservationRow(bistro, { startsAt: SEATING + i * 60 * MINUTE, ownerUserId: owner.id }));
      await store(storage(), ...rows, reservationRow());
      const first = await storage().repo.listReservationsOfOwner(owner.id, 2);
      expect(first.items.map((row) => row.id)).toEqual([rows[2]!.id, rows[1]!.id]);
      const rest = await storage().repo.listReservationsOfOwner(owner.id, 2, first.next!);
      expect({ ids: rest.items.map((row) => row.id), next: rest.next }).toEqual({ ids: [rows[0]!.id], next: null });
    });

    test("of claims at once of one reservation by two accounts, exactly one wins and it stays", async () => {
      const [ada, ben] = [userRow(), userRow()];
      await storage().accounts.createUser(ada);
      await storage().accounts.createUser(ben);
      const row = reservationRow();
      await store(storage(), row);
      const outcomes = await Promise.all([ada, ben, ada, ben].map((user) => storage().repo.claimReservation(row.id, user.id)));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const owner = [ada, ben, ada, ben][outcomes.indexOf(true)]!.id;
      expect((await storage().repo.getReservation(row.id))?.ownerUserId).toBe(owner);
      expect(await storage().repo.claimReservation(row.id, owner)).toBe(false);
    });

    test("counts bookings made in [from, to) per restaurant", async () => {
      await store(storage(), reservationRow(bistro, { createdAt: NOW - 1 }), reservationRow(bistro, { createdAt: NOW }), reservationRow(bistro, { createdAt: NOW + 999 }), reservationRow(trattoria, { createdAt: NOW + 1000 }));
      expect(await storage().repo.countBookingsMade([bistro.id, trattoria.id], NOW, NOW + 1000)).toEqual(new Map([[bistro.id, 2]]));
      expect(await storage().repo.countBookingsMade([], 0, Number.MAX_SAFE_INTEGER)).toEqual(new Map());
    });
  });

  describe("restaurants as stored", () => {
    const storage = useStorage(open, [bistro, trattoria, archived]);

    test("a restaurant reads back with its special days, archived or not", async () => {
      expect(await storage().repo.getRestaurant(trattoria.id)).toEqual(trattoria);
      expect(await storage().repo.getRestaurant(archived.id)).toEqual(archived);
      expect(await storage().repo.getRestaurant("nowhere")).toBeNull();
      expect(await storage().repo.countRestaurants()).toBe(3);
    });

    const searches = [
      { name: "every one not archived, by name", query: {}, expected: [bistro, trattoria] },
      { name: "a cuisine, whatever its case", query: { cuisine: "Italian" }, expected: [trattoria] },
      { name: "text in the name, in any case", query: { q: "bISTRO" }, expected: [bistro] },
      { name: "text in the cuisine or the address", query: { q: "ital" }, expected: [trattoria] },
      { name: "text with a LIKE wildcard in it, taken literally", query: { q: "%" }, expected: [] },
      { name: "only a key's venues", query: { restaurantIds: [trattoria.id, archived.id] }, expected: [trattoria] },
      { name: "after the first by name", query: { after: { name: bistro.name, id: bistro.id } }, expected: [trattoria] },
    ];
    for (const { name, query, expected } of searches) {
      test(`lists ${name}`, async () => {
        const page = await storage().repo.listRestaurants({ ...query, limit: 10 });
        expect(page.items.map((place) => place.name)).toEqual(expected.map((place) => place.name));
      });
    }

    test("cuisines are those of restaurants not archived, each once, in order", async () => {
      expect(await storage().repo.cuisines()).toEqual(["french", "italian"]);
    });

    test("writeRestaurant hands the plan the reservations that hold seats, and writes what it answers", async () => {
      const held = reservationRow(bistro, { guestCount: 3 });
      await store(storage(), held, reservationRow(bistro, { status: 4 }));
      const changed = { ...bistro, capacity: 12, specialDays: { "2026-12-25": [] } };
      const written = await storage().repo.writeRestaurant(bistro.id, { upcomingStartsAfter: NOW, guestHereStartsAfter: NOW }, (current, booked) => {
        expect({ current, booked }).toEqual({ current: bistro, booked: [{ id: held.id, startsAt: held.startsAt, endsAt: held.endsAt, guestCount: 3, upcoming: true }] });
        return changed;
      });
      expect(written).toEqual(changed);
      expect(await storage().repo.getRestaurant(bistro.id)).toEqual(changed);
    });
  });
}
