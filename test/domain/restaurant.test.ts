import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { formatLocal } from "../../src/domain/local-time";
import { isOpenSlot, occupancy, type OpeningHours, type OpeningInterval, peakOccupancy, remainingCovers, type SeatHold, slotsForDay } from "../../src/domain/restaurant";
import { everyDay, restaurant } from "../support/app";

const LA = "America/Los_Angeles";
const MINUTE = 60_000;
const day = (date: string) => Temporal.PlainDate.from(date);
const at = (rfc3339: string) => Date.parse(rfc3339);
const localSlots = (slots: number[], timeZone = LA) => slots.map((slot) => formatLocal(slot, timeZone));

/** Open only on Fridays (2026-12-18 is one), closed the rest of the week. */
const fridaysOnly = (...friday: OpeningInterval[]): OpeningHours => ({
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday,
  saturday: [],
  sunday: [],
});

describe("slotsForDay", () => {
  test("offers every slotMinutes from opening until the last seating that finishes by closing", () => {
    const slots = localSlots(slotsForDay(restaurant(), day("2026-12-18")));
    expect(slots).toHaveLength(19);
    expect(slots[0]).toBe("2026-12-18T17:00:00-08:00");
    expect(slots[1]).toBe("2026-12-18T17:15:00-08:00");
    expect(slots.at(-1)).toBe("2026-12-18T21:30:00-08:00");
  });

  test("offers both services of a day with a break between them, in order", () => {
    const lunchAndDinner = restaurant({
      openingHours: fridaysOnly({ open: "11:30", close: "14:30" }, { open: "17:00", close: "19:00" }),
      slotMinutes: 30,
      diningMinutes: 60,
    });
    expect(localSlots(slotsForDay(lunchAndDinner, day("2026-12-18")))).toEqual([
      "2026-12-18T11:30:00-08:00",
      "2026-12-18T12:00:00-08:00",
      "2026-12-18T12:30:00-08:00",
      "2026-12-18T13:00:00-08:00",
      "2026-12-18T13:30:00-08:00",
      "2026-12-18T17:00:00-08:00",
      "2026-12-18T17:30:00-08:00",
      "2026-12-18T18:00:00-08:00",
    ]);
  });

  test("runs an interval whose close is before its open past midnight into the next day", () => {
    const lateBar = restaurant({ openingHours: everyDay("22:00", "02:00"), diningMinutes: 60 });
    const slots = localSlots(slotsForDay(lateBar, day("2026-12-18")));
    expect(slots).toHaveLength(13);
    expect(slots[0]).toBe("2026-12-18T22:00:00-08:00");
    expect(slots).toContain("2026-12-19T00:00:00-08:00");
    expect(slots.at(-1)).toBe("2026-12-19T01:00:00-08:00");
  });

  test.each([
    ["a closed day", restaurant({ openingHours: fridaysOnly({ open: "17:00", close: "23:00" }) }), "2026-12-19"],
    ["a service shorter than one dining time", restaurant({ openingHours: everyDay("17:00", "18:00") }), "2026-12-18"],
  ])("offers nothing on %s", (_case, place, date) => {
    expect(slotsForDay(place, day(date))).toEqual([]);
  });

  test("opens at the first instant after the gap when the opening time falls in the spring-forward gap", () => {
    const nightOwl = restaurant({ openingHours: everyDay("02:00", "04:00"), diningMinutes: 60 });
    expect(localSlots(slotsForDay(nightOwl, day("2027-03-14")))).toEqual(["2027-03-14T03:00:00-07:00"]);
  });

  test("offers the repeated hour twice on the fall-back day, stepping in real minutes", () => {
    const nightOwl = restaurant({ openingHours: everyDay("00:00", "04:00"), slotMinutes: 30, diningMinutes: 60 });
    expect(localSlots(slotsForDay(nightOwl, day("2027-11-07")))).toEqual([
      "2027-11-07T00:00:00-07:00",
      "2027-11-07T00:30:00-07:00",
      "2027-11-07T01:00:00-07:00",
      "2027-11-07T01:30:00-07:00",
      "2027-11-07T01:00:00-08:00",
      "2027-11-07T01:30:00-08:00",
      "2027-11-07T02:00:00-08:00",
      "2027-11-07T02:30:00-08:00",
      "2027-11-07T03:00:00-08:00",
    ]);
  });

  test("uses the restaurant's own time zone", () => {
    const berlin = restaurant({ timeZone: "Europe/Berlin" });
    expect(localSlots(slotsForDay(berlin, day("2026-12-18")), "Europe/Berlin")[0]).toBe("2026-12-18T17:00:00+01:00");
  });
});

describe("isOpenSlot", () => {
  const places = {
    bistro: restaurant(),
    "late Fridays": restaurant({ openingHours: fridaysOnly({ open: "22:00", close: "02:00" }), diningMinutes: 60 }),
  };

  test.each<[string, keyof typeof places, string, boolean]>([
    ["the first seating of the day", "bistro", "2026-12-18T17:00:00-08:00", true],
    ["a seating on the quarter hour", "bistro", "2026-12-18T19:15:00-08:00", true],
    ["the last seating that finishes by closing", "bistro", "2026-12-18T21:30:00-08:00", true],
    ["a seating that would run past closing", "bistro", "2026-12-18T21:45:00-08:00", false],
    ["a time between slots", "bistro", "2026-12-18T19:07:00-08:00", false],
    ["a slot time plus a few seconds", "bistro", "2026-12-18T19:00:30-08:00", false],
    ["a time before opening", "bistro", "2026-12-18T16:45:00-08:00", false],
    ["a time after closing", "bistro", "2026-12-18T23:30:00-08:00", false],
    ["a slot of last night's service, after midnight", "late Fridays", "2026-12-19T00:30:00-08:00", true],
    ["the last slot of last night's service", "late Fridays", "2026-12-19T01:00:00-08:00", true],
    ["after midnight when last night was closed", "late Fridays", "2026-12-18T00:30:00-08:00", false],
    ["a slot time on a closed day", "late Fridays", "2026-12-19T22:00:00-08:00", false],
  ])("%s (%s, %s) is %p", (_case, place, startsAt, expected) => {
    expect(isOpenSlot(places[place], at(startsAt))).toBe(expected);
  });
});

describe("peakOccupancy", () => {
  const T = at("2026-12-18T19:00:00-08:00");
  const hold = (fromMinute: number, toMinute: number, guestCount: number): SeatHold => ({
    startsAt: T + fromMinute * MINUTE,
    endsAt: T + toMinute * MINUTE,
    guestCount,
  });

  test.each<[string, SeatHold[], number]>([
    ["no holds", [], 0],
    ["one hold across the whole window", [hold(-30, 120, 4)], 4],
    ["a hold ending exactly when the window starts (end-exclusive)", [hold(-90, 0, 4)], 0],
    ["a hold starting exactly when the window ends", [hold(90, 180, 4)], 0],
    ["a hold ending a minute into the window", [hold(-89, 1, 4)], 4],
    ["back-to-back holds: one leaves as the next arrives", [hold(0, 45, 4), hold(45, 90, 5)], 5],
    ["overlapping holds", [hold(0, 60, 4), hold(30, 90, 3)], 7],
    ["two holds starting with the window", [hold(0, 90, 2), hold(0, 90, 3)], 5],
    ["a hold before the window and one inside, overlapping", [hold(-60, 30, 4), hold(15, 90, 2)], 6],
    ["holds that follow each other without overlapping", [hold(-60, 30, 4), hold(30, 60, 6), hold(60, 150, 3)], 6],
    ["a departure and an arrival at the same instant, listed arrival first", [hold(45, 90, 5), hold(0, 45, 4)], 5],
  ])("counts %s", (_case, holds, expected) => {
    expect(peakOccupancy(holds, T, T + 90 * MINUTE)).toBe(expected);
  });
});

describe("remainingCovers", () => {
  const bistro = restaurant({ capacity: 10, diningMinutes: 90 });
  const seating = at("2026-12-18T19:00:00-08:00");

  test("is the capacity less the busiest moment of the whole dining time", () => {
    const holds = [
      { startsAt: seating - 60 * MINUTE, endsAt: seating + 30 * MINUTE, guestCount: 3 },
      { startsAt: seating + 80 * MINUTE, endsAt: seating + 170 * MINUTE, guestCount: 6 },
    ];
    expect(remainingCovers(bistro, occupancy(holds), seating)).toBe(4);
  });

  test("is the full capacity right after a party that leaves as this one arrives", () => {
    const holds = [{ startsAt: seating - 90 * MINUTE, endsAt: seating, guestCount: 10 }];
    expect(remainingCovers(bistro, occupancy(holds), seating)).toBe(10);
  });
});

describe("occupancy", () => {
  /** The obvious answer: the covers held at each instant where anything can change. */
  function bruteForcePeak(holds: SeatHold[], from: number, to: number): number {
    const instants = [from, ...holds.flatMap((hold) => [hold.startsAt, hold.endsAt])].filter((at) => at >= from && at < to);
    const heldAt = (at: number) => holds.filter((hold) => hold.startsAt <= at && at < hold.endsAt).reduce((sum, hold) => sum + hold.guestCount, 0);
    return Math.max(0, ...instants.map(heldAt));
  }

  test("agrees with counting at every instant, for any holds and window", () => {
    const hold = fc
      .record({ startsAt: fc.integer({ min: 0, max: 40 }), length: fc.integer({ min: 1, max: 12 }), guestCount: fc.integer({ min: 1, max: 8 }) })
      .map(({ startsAt, length, guestCount }) => ({ startsAt, endsAt: startsAt + length, guestCount }));
    fc.assert(
      fc.property(fc.array(hold, { maxLength: 30 }), fc.integer({ min: -5, max: 50 }), fc.integer({ min: 1, max: 20 }), (holds, from, length) => {
        expect(occupancy(holds).peak(from, from + length)).toBe(bruteForcePeak(holds, from, from + length));
      }),
      { numRuns: 300 },
    );
  });
});
