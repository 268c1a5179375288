/**
 * What the conformance suite's areas share: a fresh storage per test on a frozen clock, and rows
 * built the way the services build them. Everything is written and read back through the
 * storage interfaces (or through the app or a job, where that is how the rule is reached), so
 * the same file proves the same guarantee on every backend.
 */
import { afterEach, beforeEach, setSystemTime } from "bun:test";
import type { OutboxMessage, ReservationRow, StatusLogEntry, WritePlan } from "../../../src/db/repository";
import type { Storage } from "../../../src/db/storage";
import type { UserRow } from "../../../src/db/account-store";
import { liveCutoffs } from "../../../src/domain/reservation-status";
import type { Restaurant } from "../../../src/domain/restaurant";
import { restaurant, testSettings } from "../../support/app";

/** How a backend under test is opened: a new, empty, migrated storage each call. */
export type OpenStorage = () => Promise<Storage>;

export const MINUTE = 60_000;
/** The frozen clock every test starts at. */
export const NOW = Date.parse("2026-12-01T12:00:00Z");
/** 2026-12-18 19:00 in Los Angeles, `restaurant()`'s time zone. */
export const SEATING = Date.parse("2026-12-19T03:00:00Z");

export const settings = testSettings();
export const rules = settings.statusRules;

export const bistro = restaurant({ capacity: 10, maxPartySize: 6 });

/** The current test's storage; `close` closes it within the test, so that the hook after it does not. */
export type StorageOfTest = (() => Storage) & { close(): Promise<void> };

/**
 * Opens a fresh storage (with `places` in it) before each test of the enclosing block, at `NOW`,
 * and closes it after; the getter answers the current one.
 */
export function useStorage(open: OpenStorage, places: Restaurant[] = [bistro]): StorageOfTest {
  let storage: Storage | null = null;
  beforeEach(async () => {
    setSystemTime(new Date(NOW));
    storage = await open();
    if (places.length > 0) await storage.repo.insertRestaurants(places);
  });
  afterEach(async () => {
    setSystemTime();
    await storage?.close();
    storage = null;
  });
  const current = () => {
    if (!storage) throw new Error("no storage: useStorage's getter was called outside a test, or after close");
    return storage;
  };
  return Object.assign(current, {
    async close() {
      const closing = current();
      storage = null;
      await closing.close();
    },
  });
}

/** Opens two storages on one fresh, empty, migrated database: two instances of the service. */
export type OpenTwins = () => Promise<[Storage, Storage]>;

/**
 * Like `useStorage`, for two instances on one database: opened (with `places` written through
 * the first) before each test of the enclosing block, closed after.
 */
export function useTwins(open: OpenTwins, places: Restaurant[] = [bistro]): () => [Storage, Storage] {
  let twins: [Storage, Storage] | null = null;
  beforeEach(async () => {
    setSystemTime(new Date(NOW));
    twins = await open();
    if (places.length > 0) await twins[0].repo.insertRestaurants(places);
  });
  afterEach(async () => {
    setSystemTime();
    if (twins) await Promise.all(twins.map((storage) => storage.close()));
    twins = null;
  });
  return () => {
    if (!twins) throw new Error("no storages: useTwins's getter was called outside a test");
    return twins;
  };
}

/** A reservation as `services/reservations.ts` builds a new one, upcoming at `SEATING`. */
export function reservationRow(place: Restaurant = bistro, overrides: Partial<ReservationRow> = {}): ReservationRow {
  const startsAt = overrides.startsAt ?? SEATING;
  return {
    id: Bun.randomUUIDv7(),
    restaurantId: place.id,
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "4155552671",
    email: null,
    receiveEmailUpdates: false,
    receivePhoneCall: true,
    receiveTextNotification: false,
    occasion: null,
    startsAt,
    endsAt: startsAt + place.diningMinutes * MINUTE,
    guestCount: 2,
    status: 0,
    statusChangedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
    ownerUserId: null,
    guestLinkHash: null,
    ...overrides,
  };
}

/** The log entry a booking writes. */
export function createdEntry(row: ReservationRow): StatusLogEntry {
  return { reservationId: row.id, fromStatus: null, toStatus: row.status, at: row.createdAt, actor: { kind: "api_key", name: "frontdesk" }, reason: "reservation created" };
}

/** One outbox message for a reservation. */
export function message(row: ReservationRow, key: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return { dedupeKey: `${row.id}:${key}`, reservationId: row.id, kind: "reservation_created", channel: "email", subscriber: null, payload: { key }, ...overrides };
}

/** Stores the rows as they are, with a creation log entry each and no seat check. */
export async function store(storage: Storage, ...rows: ReservationRow[]): Promise<void> {
  for (const row of rows) await storage.repo.writeReservation(row.id, () => ({ row, log: [createdEntry(row)] }));
}

/** Thrown by a seat check that finds no room. */
export class NoRoom extends Error {
  constructor(readonly taken: number) {
    super(`no room: ${taken} covers taken`);
  }
}

/**
 * A seat check for a booking at one instant: every hold the backend answers overlaps it, so the
 * covers taken are their sum. The booking is refused when it would go past the capacity.
 */
export function seatCheck(place: Restaurant, row: ReservationRow, now = NOW): NonNullable<WritePlan["seatCheck"]> {
  return {
    from: row.startsAt,
    to: row.endsAt,
    cutoffs: liveCutoffs(now, rules),
    fits(holds) {
      const taken = holds.reduce((sum, hold) => sum + hold.guestCount, 0);
      if (taken + row.guestCount > place.capacity) throw new NoRoom(taken);
    },
  };
}

/** Every outbox entry of a reservation, by kind and channel. */
export async function notificationsOf(storage: Storage, reservationId: string, kind?: string) {
  const { items } = await storage.jobs.listNotifications({ limit: 10_000 });
  return items.filter((entry) => entry.reservationId === reservationId && (kind === undefined || entry.kind === kind));
}

/** Every log entry of a reservation, without the ids. */
export async function logOf(storage: Storage, reservationId: string): Promise<StatusLogEntry[]> {
  const { items } = await storage.repo.statusLog(reservationId, 10_000);
  return items.map(({ id: _id, ...entry }) => entry);
}

/** A guest account. */
export function userRow(overrides: Partial<UserRow> = {}): UserRow {
  const id = overrides.id ?? Bun.randomUUIDv7();
  return {
    id,
    email: `${id}@example.com`,
    passwordHash: "$argon2id$v=19$m=65536,t=2,p=1$not-a-real-hash",
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "4155552671",
    receiveEmailUpdates: true,
    receivePhoneCall: false,
    receiveTextNotification: false,
    createdAt: NOW,
    updatedAt: NOW,
    lastLoginAt: null,
    ...overrides,
  };
}

/** Runs `count` calls of `run` at once and answers each one's outcome, in call order. */
export function atOnce<T>(count: number, run: (index: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: count }, (_, index) => run(index)));
}
