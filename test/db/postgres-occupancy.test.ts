/**
 * PostgreSQL's occupancy index is per instance, versioned in the database: a write through one
 * instance must show in the other's availability at once.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { openPostgresStorage } from "../../src/db/postgres/storage";
import type { Storage } from "../../src/db/storage";
import { liveCutoffs } from "../../src/domain/reservation-status";
import { createTestDatabase, type TestDatabase } from "../support/postgres";
import { restaurant, testSettings } from "../support/app";
import type { ReservationRow } from "../../src/db/repository";
import { needs } from "../support/services";

const services = needs("postgres");

describe.skipIf(services.skip)(`the occupancy index on PostgreSQL${services.because}`, () => {
  const bistro = restaurant({ capacity: 10 });
  const SEVEN = Date.parse("2026-12-19T03:00:00Z");
  const HOUR = 3_600_000;
  const cutoffs = liveCutoffs(Date.parse("2026-12-18T12:00:00Z"), testSettings().statusRules);

  let database: TestDatabase;
  let one: Storage;
  let other: Storage;

  beforeAll(async () => {
    database = await createTestDatabase();
    one = await openPostgresStorage({ url: database.url, poolSize: 2 });
    other = await openPostgresStorage({ url: database.url, poolSize: 2 });
    await one.repo.insertRestaurants([bistro]);
  }, 60_000);

  afterAll(async () => {
    await one?.close();
    await other?.close();
    await database?.drop();
  }, 60_000);

  const row = (id: string, guestCount: number, status: 0 | 4 = 0): ReservationRow => ({
    id,
    restaurantId: bistro.id,
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "4155552671",
    email: null,
    receiveEmailUpdates: false,
    receivePhoneCall: false,
    receiveTextNotification: false,
    occasion: null,
    startsAt: SEVEN,
    endsAt: SEVEN + 1.5 * HOUR,
    guestCount,
    status,
    statusChangedAt: 0,
    createdAt: 0,
    updatedAt: 0,
    version: 1,
    ownerUserId: null,
    guestLinkHash: null,
  });

  const heldAt = async (storage: Storage) => (await storage.repo.seatHolds(bistro.id, SEVEN, SEVEN + HOUR, cutoffs)).reduce((covers, hold) => covers + hold.guestCount, 0);

  test("a booking and a cancel written through one instance show in the other's warm index at once", async () => {
    expect(await heldAt(one)).toBe(0);
    await other.repo.writeReservation("r-1", () => ({ row: row("r-1", 4) }));
    expect(await heldAt(one)).toBe(4);
    await other.repo.writeReservation("r-1", (current) => ({ row: { ...current!, status: 4, version: 2 } }));
    expect(await heldAt(one)).toBe(0);
  });

  test("a changed dining time held by the other instance retimes the holds the first one shows", async () => {
    await one.repo.writeReservation("r-2", () => ({ row: row("r-2", 2) }));
    // Held 19:00–20:30; a window from 20:30 sees it only once the stay is longer.
    const late = async () => (await one.repo.seatHolds(bistro.id, SEVEN + 1.5 * HOUR, SEVEN + 2 * HOUR, cutoffs)).length;
    expect(await late()).toBe(0);
    await other.repo.writeRestaurant(bistro.id, cutoffs, (current) => current && { ...current, diningMinutes: 120 });
    expect(await late()).toBe(1);
  });
});
