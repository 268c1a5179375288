import { describe, expect, test } from "bun:test";
import { formatLocal } from "../../src/domain/local-time";
import { type BookedSeats, hoursOn, isOpenSlot, orphanedBy, type Restaurant, slotsForDay } from "../../src/domain/restaurant";
import { everyDay, restaurant } from "../support/app";

const day = (date: string) => Temporal.PlainDate.from(date);
const localSlots = (r: Restaurant, date: string) => slotsForDay(r, day(date)).map((slot) => formatLocal(slot, r.timeZone));
const MINUTE = 60_000;

/** Open 17:00–23:00 every day, seating every hour for an hour, unless a special day says otherwise. */
const venue = (specialDays: Restaurant["specialDays"], overrides: Partial<Restaurant> = {}) =>
  restaurant({ slotMinutes: 60, diningMinutes: 60, specialDays, ...overrides });

describe("special days decide a date's services", () => {
  test.each<[string, Restaurant["specialDays"], string, string[]]>([
    ["a closed day has no slots", { "2026-12-25": [] }, "2026-12-25", []],
    ["the day before a closure keeps its weekday's hours", { "2026-12-25": [] }, "2026-12-24", ["17:00", "18:00", "19:00", "20:00", "21:00", "22:00"]],
    ["special hours replace the weekday's", { "2026-12-24": [{ open: "12:00", close: "15:00" }] }, "2026-12-24", ["12:00", "13:00", "14:00"]],
    ["a special service past midnight belongs to the day it opens", { "2026-12-31": [{ open: "22:00", close: "01:00" }] }, "2026-12-31", ["22:00", "23:00", "00:00"]],
    ["the night after keeps its own weekday's hours", { "2026-12-31": [{ open: "22:00", close: "01:00" }] }, "2027-01-01", ["17:00", "18:00", "19:00", "20:00", "21:00", "22:00"]],
  ])("%s", (_case, specialDays, date, starts) => {
    expect(localSlots(venue(specialDays), date).map((slot) => slot.slice(11, 16))).toEqual(starts);
  });

  test("isOpenSlot accepts the past-midnight seating of a special day, on the next calendar day", () => {
    const newYear = venue({ "2026-12-31": [{ open: "22:00", close: "01:00" }] });
    expect(isOpenSlot(newYear, Date.parse("2027-01-01T00:00:00-08:00"))).toBe(true);
    expect(isOpenSlot(newYear, Date.parse("2027-01-01T01:00:00-08:00"))).toBe(false);
  });

  test("a closed day refuses every seating its weekday would offer", () => {
    const closed = venue({ "2026-12-25": [] });
    expect(isOpenSlot(closed, Date.parse("2026-12-25T19:00:00-08:00"))).toBe(false);
    expect(isOpenSlot(venue({}), Date.parse("2026-12-25T19:00:00-08:00"))).toBe(true);
  });

  describe("DST days", () => {
    test.each<[string, string, string[]]>([
      // 2026-03-08: clocks skip 02:00–03:00 in Los Angeles, so a 01:00–04:00 service is two hours long.
      ["spring forward: the skipped hour offers nothing", "2026-03-08", ["2026-03-08T01:00:00-08:00", "2026-03-08T03:00:00-07:00"]],
      // 2026-11-01: 01:00–02:00 happens twice, so the same service is four hours long.
      ["fall back: the repeated hour is offered twice", "2026-11-01", ["2026-11-01T01:00:00-07:00", "2026-11-01T01:00:00-08:00", "2026-11-01T02:00:00-08:00", "2026-11-01T03:00:00-08:00"]],
    ])("%s", (_case, date, slots) => {
      expect(localSlots(venue({ [date]: [{ open: "01:00", close: "04:00" }] }), date)).toEqual(slots);
    });
  });

  test("hoursOn is the weekday's when no special day is set", () => {
    expect(hoursOn(restaurant({ openingHours: everyDay("11:00", "15:00") }), day("2026-12-18"))).toEqual([{ open: "11:00", close: "15:00" }]);
  });
});

describe("orphanedBy", () => {
  const start = (local: string) => Date.parse(`${local}-08:00`);
  const seats = (id: string, local: string, guestCount: number, upcoming = true): BookedSeats => ({
    id,
    startsAt: start(local),
    endsAt: start(local) + 60 * MINUTE,
    guestCount,
    upcoming,
  });
  const booked = [seats("a", "2026-12-24T19:00", 4), seats("b", "2026-12-24T19:00", 4), seats("c", "2026-12-25T20:00", 2), seats("d", "2026-12-26T17:00", 2)];
  const ids = (found: BookedSeats[]) => found.map((one) => one.id);

  test.each<[string, Partial<Restaurant>, string[]]>([
    ["a change that orphans none", { capacity: 8 }, []],
    ["closing a day orphans exactly its bookings", { specialDays: { "2026-12-25": [] } }, ["c"]],
    ["shorter hours orphan the bookings past the new last seating", { openingHours: everyDay("17:00", "19:30") }, ["a", "b", "c"]],
    ["a smaller capacity orphans the bookings that overflow it together", { capacity: 6 }, ["a", "b"]],
    ["a longer dining time orphans a seating that no longer ends by closing", { diningMinutes: 300 }, ["a", "b", "c"]],
  ])("%s", (_case, change, orphaned) => {
    expect(ids(orphanedBy(venue({}, change), booked))).toEqual(orphaned);
  });

  test("guests already seated count toward capacity but are never listed", () => {
    const here = [seats("seated", "2026-12-24T19:00", 6, false), seats("next", "2026-12-24T19:00", 2)];
    expect(ids(orphanedBy(venue({}, { capacity: 7 }), here))).toEqual(["next"]);
  });
});
