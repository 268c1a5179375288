/**
 * Availability is read from the in-process occupancy index once a day has been asked for; every
 * write that changes a day's holds must show at once, and so must the clock's own transitions.
 * Each case warms the index first (an availability read), then changes something, then reads.
 */
import { Database } from "bun:sqlite";
import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../src/lib/logger";
import { runSweep } from "../../src/jobs/sweep";
import { liveCutoffs } from "../../src/domain/reservation-status";
import { buildTestApp, onPostgres, restaurant, type TestApp } from "../support/app";
import { book } from "../support/fixtures";

const NOW = Date.parse("2026-12-18T12:00:00-08:00");
beforeEach(() => setSystemTime(new Date(NOW)));
afterEach(() => setSystemTime());

const bistro = restaurant({ capacity: 10, maxPartySize: 6 });
const SEVEN = "2026-12-18T19:00:00-08:00";

/** Covers left at a seating on a day, or null when it is not offered (full or past). */
async function coversAt(t: TestApp, date: string, start: string): Promise<number | null> {
  const response = await t.call("GET", `/api/v1/restaurants/${bistro.id}/availability?date=${date}&partySize=1`);
  expect(response.status).toBe(200);
  const { slots } = (await response.json()) as { slots: Array<{ start: string; remainingCovers: number }> };
  return slots.find((slot) => slot.start === start)?.remainingCovers ?? null;
}

const sweep = (t: TestApp) =>
  runSweep({ ...t.storage, settings: t.settings, senders: {}, logger: createLogger("silent"), now: Date.now, random: () => 1 } as never);

const cases: Array<{
  name: string;
  change: (t: TestApp, id: string) => Promise<unknown>;
  date?: string;
  start?: string;
  expected: number | null;
  /** About SQLite itself: skipped when the tests run on PostgreSQL. */
  sqliteOnly?: true;
}> = [
  { name: "a second booking takes its seats", change: (t) => book(t.call, bistro, { date: "2026-12-18T19:00", guestCount: 3 }), expected: 1 },
  { name: "a cancel frees the seats", change: (t, id) => t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 4 }), expected: 10 },
  {
    name: "a move to another day frees this day",
    change: (t, id) => t.call("PATCH", `/api/v1/reservations/${id}`, { date: "2026-12-19T19:00" }),
    expected: 10,
  },
  {
    name: "a move to another day takes that day's seats",
    change: (t, id) => t.call("PATCH", `/api/v1/reservations/${id}`, { date: "2026-12-19T19:00" }),
    date: "2026-12-19",
    start: "2026-12-19T19:00:00-08:00",
    expected: 4,
  },
  {
    name: "a no-show passing its threshold frees the seats with no write",
    change: async () => setSystemTime(new Date(Date.parse("2026-12-18T18:45:00-08:00"))),
    start: "2026-12-18T19:15:00-08:00",
    expected: 10,
  },
  {
    name: "a sweep that marks the no-show missed keeps the seats free",
    change: async (t) => {
      setSystemTime(new Date(Date.parse("2026-12-18T18:45:00-08:00")));
      await sweep(t);
    },
    start: "2026-12-18T19:15:00-08:00",
    expected: 10,
  },
  {
    name: "a longer dining time holds the booking into a later seating",
    change: async (t) => {
      await t.storage.repo.writeRestaurant(bistro.id, liveCutoffs(Date.now(), t.settings.statusRules), (current) => current && { ...current, diningMinutes: 120 });
    },
    start: "2026-12-18T19:30:00-08:00",
    expected: 4,
  },
  {
    name: "a cancel committed by another connection to the same file frees the seats",
    // Another process on the same file is SQLite's way to scale out; PostgreSQL's is another instance.
    sqliteOnly: true,
    change: async (t, id) => {
      const other = new Database(t.db.$client.filename);
      other.run("update reservations set status = 4 where id = ?", [id]);
      other.close();
    },
    expected: 10,
  },
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

for (const { name, change, date = "2026-12-18", start = SEVEN, expected, sqliteOnly } of cases) test.skipIf(onPostgres && sqliteOnly === true)(`availability after a warm read: ${name}`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "occupancy-"));
  dirs.push(dir);
  const t = await buildTestApp({ restaurants: [bistro], path: join(dir, "db.sqlite") });
  const { id } = await book(t.call, bistro, { date: "2026-12-18T18:00", guestCount: 6 });
  // Warm both days: six covers at 18:00 for 90 minutes leave 4 at 19:00 and all 10 at 19:30.
  expect(await coversAt(t, "2026-12-18", SEVEN)).toBe(4);
  await coversAt(t, "2026-12-19", "2026-12-19T19:00:00-08:00");
  await coversAt(t, date, start);
  await change(t, id);
  expect(await coversAt(t, date, start)).toBe(expected);
  await t.storage.close();
});
