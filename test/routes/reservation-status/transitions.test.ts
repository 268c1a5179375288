/**
 * The frozen-clock table of state changes: each row is a restaurant, a reservation's local time, a
 * clock, the stored state, a request, and the answer and state a client then sees. Defaults: check-in
 * opens 60 min before, missed 15 min after, late arrival until 60 min after, auto checkout 240 min
 * after; each threshold instant belongs to the later state.
 */
import { afterEach, describe, expect, setSystemTime, test } from "bun:test";
import type { Restaurant } from "../../../src/domain/restaurant";
import { expectProblem } from "../../support/fixtures";
import { bistro, book, brasserie, history, MINUTE, nachteule, nightOwl, put, read, spaetbar, type State, statusCode, store, storedStatus, tableApp } from "./support";

afterEach(() => setSystemTime());

interface Expectations {
  /** The `reason` of a 409; `{opens}`, `{start}` and `{lateEnd}` stand for the row's local clock times. */
  reason?: string;
  /** statusChangedAt of a status the clock made: minutes after the reservation time, or an instant. */
  changedAt?: number | string;
}

/** [restaurant, local time, clock (minutes after the reservation time, or an instant), stored, request (null: GET only), code, state, ...] */
type Row = [place: Restaurant, local: string, clock: number | string, stored: State, request: State | null, code: 200 | 409, state: State, expect?: Expectations];
type GridRow = Row extends [Restaurant, string, ...infer Rest] ? Rest : never;

const cannot = (from: State, to: State) => ({ reason: `a reservation cannot move from ${from} to ${to}` });
const notOpenYet = { reason: "check-in opens at {opens} local time" };
const tooLate = { reason: "late arrival was possible until {lateEnd} local time" };
const tooEarlyForMissed = { reason: "a guest can be marked missed from {start} local time" };
const tooLateToCancel = { reason: "a reservation can be cancelled only before {start} local time" };

/** Every transition, allowed and refused, a minute before, at, and after each threshold. */
const grid: GridRow[] = [
  // Check-in opens 60 minutes before; from the missed threshold on it is a late arrival.
  [-61, "upcoming", "guest_here", 409, "upcoming", notOpenYet],
  [-60, "upcoming", "guest_here", 200, "guest_here"],
  [-59, "upcoming", "guest_here", 200, "guest_here"],
  [14, "upcoming", "guest_here", 200, "guest_here"],
  [15, "upcoming", "guest_here", 200, "guest_here"],
  [16, "upcoming", "guest_here", 200, "guest_here"],
  // Late arrival until 60 minutes after, whether the row or the clock says missed.
  [0, "missed", "guest_here", 200, "guest_here"],
  [59, "missed", "guest_here", 200, "guest_here"],
  [60, "missed", "guest_here", 409, "missed", tooLate],
  [61, "missed", "guest_here", 409, "missed", tooLate],
  [59, "upcoming", "guest_here", 200, "guest_here"],
  [60, "upcoming", "guest_here", 409, "missed", tooLate],
  [61, "upcoming", "guest_here", 409, "missed", tooLate],
  // Check-out any time after check-in; from 240 minutes on the clock has already done it.
  [-60, "guest_here", "guest_left", 200, "guest_left"],
  [239, "guest_here", "guest_left", 200, "guest_left"],
  [240, "guest_here", "guest_left", 200, "guest_left"],
  [241, "guest_here", "guest_left", 200, "guest_left"],
  [239, "guest_here", "guest_here", 200, "guest_here"],
  [240, "guest_here", "guest_here", 409, "guest_left", cannot("guest_left", "guest_here")],
  // Marking missed from the reservation time; from +15 the clock has already done it.
  [-1, "upcoming", "missed", 409, "upcoming", tooEarlyForMissed],
  [0, "upcoming", "missed", 200, "missed"],
  [1, "upcoming", "missed", 200, "missed"],
  [15, "upcoming", "missed", 200, "missed"],
  // Cancelling only before the reservation time.
  [-61, "upcoming", "cancelled", 200, "cancelled"],
  [-1, "upcoming", "cancelled", 200, "cancelled"],
  [0, "upcoming", "cancelled", 409, "upcoming", tooLateToCancel],
  [1, "upcoming", "cancelled", 409, "upcoming", tooLateToCancel],
  [15, "upcoming", "cancelled", 409, "missed", cannot("missed", "cancelled")],
  // Derived states: no scheduler runs in these apps.
  [14, "upcoming", null, 200, "upcoming"],
  [15, "upcoming", null, 200, "missed", { changedAt: 15 }],
  [16, "upcoming", null, 200, "missed", { changedAt: 15 }],
  [239, "guest_here", null, 200, "guest_here"],
  [240, "guest_here", null, 200, "guest_left", { changedAt: 240 }],
  [241, "guest_here", null, 200, "guest_left", { changedAt: 240 }],
  [240, "missed", null, 200, "missed"],
  [240, "cancelled", null, 200, "cancelled"],
  [240, "guest_left", null, 200, "guest_left"],
  // Asking for the status the reservation already has.
  [-30, "upcoming", "upcoming", 200, "upcoming"],
  [30, "guest_here", "guest_here", 200, "guest_here"],
  [30, "missed", "missed", 200, "missed"],
  [300, "guest_left", "guest_left", 200, "guest_left"],
  [-30, "cancelled", "cancelled", 200, "cancelled"],
  // Every other move.
  [-30, "upcoming", "guest_left", 409, "upcoming", cannot("upcoming", "guest_left")],
  [15, "upcoming", "upcoming", 409, "missed", cannot("missed", "upcoming")],
  [30, "guest_here", "upcoming", 409, "guest_here", cannot("guest_here", "upcoming")],
  [30, "guest_here", "missed", 409, "guest_here", cannot("guest_here", "missed")],
  [-30, "guest_here", "cancelled", 409, "guest_here", cannot("guest_here", "cancelled")],
  [30, "guest_left", "upcoming", 409, "guest_left", cannot("guest_left", "upcoming")],
  [30, "guest_left", "guest_here", 409, "guest_left", cannot("guest_left", "guest_here")],
  [30, "guest_left", "missed", 409, "guest_left", cannot("guest_left", "missed")],
  [-30, "guest_left", "cancelled", 409, "guest_left", cannot("guest_left", "cancelled")],
  [30, "missed", "upcoming", 409, "missed", cannot("missed", "upcoming")],
  [30, "missed", "guest_left", 409, "missed", cannot("missed", "guest_left")],
  [30, "missed", "cancelled", 409, "missed", cannot("missed", "cancelled")],
  [-30, "cancelled", "upcoming", 409, "cancelled", cannot("cancelled", "upcoming")],
  [-30, "cancelled", "guest_here", 409, "cancelled", cannot("cancelled", "guest_here")],
  [-30, "cancelled", "guest_left", 409, "cancelled", cannot("cancelled", "guest_left")],
  [30, "cancelled", "missed", 409, "cancelled", cannot("cancelled", "missed")],
  // A state staff could not have reached by then (guest_here 90 minutes early), written with SQL.
  [-90, "guest_here", "guest_left", 200, "guest_left"],
];

/** The same grid in both zones, for a dinner reservation whose thresholds read as these local times. */
const dinners = [
  { place: bistro, local: "2027-01-15T19:00", clocks: { opens: "18:00", start: "19:00", lateEnd: "20:00" } },
  { place: brasserie, local: "2027-01-15T20:30", clocks: { opens: "19:30", start: "20:30", lateEnd: "21:30" } },
];

const withClocks = (expectations: Expectations | undefined, clocks: Record<string, string>): Expectations | undefined =>
  expectations?.reason === undefined
    ? expectations
    : { ...expectations, reason: expectations.reason.replace(/\{(\w+)\}/g, (_, name: string) => clocks[name]!) };

const dinnerRows: Row[] = dinners.flatMap(({ place, local, clocks }) =>
  grid.map(([clock, stored, request, code, state, expectations]): Row => [place, local, clock, stored, request, code, state, withClocks(expectations, clocks)]),
);

/** Thresholds are real elapsed minutes, so on a DST day they land an hour off on the wall clock. */
const dstRows: Row[] = [
  // US spring forward, Sun 2027-03-14, 02:00 PST → 03:00 PDT. 01:30 PST is 09:30Z.
  [nightOwl, "2027-03-14T01:30", "2027-03-14T08:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 00:30 local time" }],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T08:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T09:44:00Z", "upcoming", null, 200, "upcoming"],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T09:45:00Z", "upcoming", null, 200, "missed", { changedAt: "2027-03-14T09:45:00Z" }],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T10:29:00Z", "missed", "guest_here", 200, "guest_here"],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T10:30:00Z", "missed", "guest_here", 409, "missed", { reason: "late arrival was possible until 03:30 local time" }],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T12:30:00Z", "guest_here", null, 200, "guest_here"],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T13:29:00Z", "guest_here", null, 200, "guest_here"],
  [nightOwl, "2027-03-14T01:30", "2027-03-14T13:30:00Z", "guest_here", null, 200, "guest_left", { changedAt: "2027-03-14T13:30:00Z" }],
  // US fall back, Sun 2027-11-07, 02:00 PDT → 01:00 PST. 01:30 means its first occurrence, 01:30 PDT (08:30Z).
  [nightOwl, "2027-11-07T01:30", "2027-11-07T07:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 00:30 local time" }],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T07:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T09:00:00Z", "upcoming", null, 200, "missed", { changedAt: "2027-11-07T08:45:00Z" }],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T09:29:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T09:30:00Z", "upcoming", "guest_here", 409, "missed", { reason: "late arrival was possible until 01:30 local time" }],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T12:29:00Z", "guest_here", null, 200, "guest_here"],
  [nightOwl, "2027-11-07T01:30", "2027-11-07T12:30:00Z", "guest_here", null, 200, "guest_left", { changedAt: "2027-11-07T12:30:00Z" }],
  // EU spring forward, Sun 2027-03-28, 02:00 CET → 03:00 CEST. 01:30 CET is 00:30Z.
  [nachteule, "2027-03-28T01:30", "2027-03-27T23:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 00:30 local time" }],
  [nachteule, "2027-03-28T01:30", "2027-03-27T23:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nachteule, "2027-03-28T01:30", "2027-03-28T00:44:00Z", "upcoming", null, 200, "upcoming"],
  [nachteule, "2027-03-28T01:30", "2027-03-28T00:45:00Z", "upcoming", null, 200, "missed", { changedAt: "2027-03-28T00:45:00Z" }],
  [nachteule, "2027-03-28T01:30", "2027-03-28T01:29:00Z", "missed", "guest_here", 200, "guest_here"],
  [nachteule, "2027-03-28T01:30", "2027-03-28T01:30:00Z", "missed", "guest_here", 409, "missed", { reason: "late arrival was possible until 03:30 local time" }],
  [nachteule, "2027-03-28T01:30", "2027-03-28T04:29:00Z", "guest_here", null, 200, "guest_here"],
  [nachteule, "2027-03-28T01:30", "2027-03-28T04:30:00Z", "guest_here", null, 200, "guest_left", { changedAt: "2027-03-28T04:30:00Z" }],
  // EU fall back, Sun 2027-10-31, 03:00 CEST → 02:00 CET. 02:30 means 02:30 CEST (00:30Z).
  [nachteule, "2027-10-31T02:30", "2027-10-30T23:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 01:30 local time" }],
  [nachteule, "2027-10-31T02:30", "2027-10-30T23:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nachteule, "2027-10-31T02:30", "2027-10-31T01:00:00Z", "upcoming", null, 200, "missed", { changedAt: "2027-10-31T00:45:00Z" }],
  [nachteule, "2027-10-31T02:30", "2027-10-31T01:29:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [nachteule, "2027-10-31T02:30", "2027-10-31T01:30:00Z", "upcoming", "guest_here", 409, "missed", { reason: "late arrival was possible until 02:30 local time" }],
  [nachteule, "2027-10-31T02:30", "2027-10-31T04:29:00Z", "guest_here", null, 200, "guest_here"],
  [nachteule, "2027-10-31T02:30", "2027-10-31T04:30:00Z", "guest_here", null, 200, "guest_left", { changedAt: "2027-10-31T04:30:00Z" }],
];

/** A bar open 18:00–02:00 (Berlin, CET): windows that cross midnight, and 00:30 from last night's service. */
const midnightRows: Row[] = [
  [spaetbar, "2027-02-12T23:30", "2027-02-12T21:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 22:30 local time" }],
  [spaetbar, "2027-02-12T23:30", "2027-02-12T21:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [spaetbar, "2027-02-12T23:30", "2027-02-12T22:44:00Z", "upcoming", null, 200, "upcoming"],
  [spaetbar, "2027-02-12T23:30", "2027-02-12T22:45:00Z", "upcoming", null, 200, "missed", { changedAt: "2027-02-12T22:45:00Z" }],
  [spaetbar, "2027-02-12T23:30", "2027-02-12T23:29:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [spaetbar, "2027-02-12T23:30", "2027-02-12T23:30:00Z", "upcoming", "guest_here", 409, "missed", { reason: "late arrival was possible until 00:30 local time" }],
  [spaetbar, "2027-02-12T23:30", "2027-02-13T02:30:00Z", "guest_here", null, 200, "guest_left", { changedAt: "2027-02-13T02:30:00Z" }],
  [spaetbar, "2027-02-13T00:30", "2027-02-12T22:29:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 23:30 local time" }],
  [spaetbar, "2027-02-13T00:30", "2027-02-12T22:30:00Z", "upcoming", "guest_here", 200, "guest_here"],
  [spaetbar, "2027-02-13T00:30", "2027-02-12T23:29:00Z", "upcoming", "cancelled", 200, "cancelled"],
  [spaetbar, "2027-02-13T00:30", "2027-02-12T23:30:00Z", "upcoming", "cancelled", 409, "upcoming", { reason: "a reservation can be cancelled only before 00:30 local time" }],
  // A threshold on another local day than the clock's is named with its date.
  [spaetbar, "2027-02-13T00:30", "2027-02-12T22:50:00Z", "upcoming", "missed", 409, "upcoming", { reason: "a guest can be marked missed from 2027-02-13 00:30 local time" }],
  [spaetbar, "2027-02-13T00:30", "2027-02-11T22:30:00Z", "upcoming", "guest_here", 409, "upcoming", { reason: "check-in opens at 2027-02-12 23:30 local time" }],
];

const instant = (clock: number | string, startsAt: number) => (typeof clock === "number" ? startsAt + clock * MINUTE : Date.parse(clock));
const clockLabel = (clock: number | string) => (typeof clock === "string" ? clock : `${clock >= 0 ? "+" : ""}${clock} min`);
const title = ([place, local, clock, stored, request, code, state]: Row) =>
  `${place.timeZone} ${local} at ${clockLabel(clock)}, stored ${stored}: ${request === null ? "GET" : `asks ${request}`} → ${code}, ${state}`;

async function runRow(row: Row) {
  const [place, local, clock, stored, request, code, state, expectations = {}] = row;
  const t = await tableApp();
  const { id, startsAt } = await book(t, place, local);
  const now = instant(clock, startsAt);
  await store(t, id, startsAt, stored, now);
  setSystemTime(now);
  const before = { reservation: await read(t, id), stored: await storedStatus(t, id), history: await history(t, id) };

  const response = request === null ? await t.call("GET", `/api/v1/reservations/${id}`) : await put(t, id, { status: statusCode[request] });
  if (code === 409) {
    const problem = await expectProblem(response, 409);
    expect(problem).toMatchObject({ code: "invalid_transition", currentState: state, requestedState: request!, reason: expectations.reason! });
    expect(problem.detail).toContain(expectations.reason!);
  } else {
    const body = await response.json();
    expect({ status: response.status, state: body.state, code: body.status }).toEqual({ status: 200, state, code: statusCode[state] });
    if (expectations.changedAt !== undefined) expect(body.statusChangedAt).toBe(new Date(instant(expectations.changedAt, startsAt)).toISOString());
  }

  const after = { reservation: await read(t, id), stored: await storedStatus(t, id), history: await history(t, id) };
  expect(after.reservation.state).toBe(state);
  if (request !== null && code === 200 && before.reservation.state !== state) {
    expect(after.stored).toBe(statusCode[state]);
    expect(after.history).toHaveLength(before.history.length + 1);
    expect(after.history.at(-1)).toEqual({ from: before.reservation.state, to: state, at: new Date(now).toISOString(), actor: "frontdesk", actorType: "api_key", reason: "changed by staff" });
  } else {
    expect(after).toEqual(before);
  }
}

describe("the frozen-clock table", () => {
  for (const row of [...dinnerRows, ...dstRows, ...midnightRows]) test(title(row), () => runRow(row));
});
