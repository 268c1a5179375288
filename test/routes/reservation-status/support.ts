/**
 * What the reservation-status route tests share: the restaurants (every one in each app), an app
 * whose state-change limit stays out of the way, booking, and reading a reservation's status back.
 */
import { expect, setSystemTime } from "bun:test";
import type { StatusCode } from "../../../src/domain/reservation-status";
import type { Restaurant } from "../../../src/domain/restaurant";
import { booking, buildTestApp, everyDay, restaurant, type TestApp } from "../../support/app";
import { setStoredStatus } from "../../support/fixtures";

export type State = "upcoming" | "guest_here" | "guest_left" | "missed" | "cancelled";
export const statusCode: Record<State, StatusCode> = { upcoming: 0, guest_here: 1, guest_left: 2, missed: 3, cancelled: 4 };

export const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const bistro = restaurant();
export const brasserie = restaurant({ name: "Test Brasserie", timeZone: "Europe/Berlin", address: "1 Teststraße, 10115 Berlin" });
export const nightOwl = restaurant({ name: "Night Owl", openingHours: everyDay("18:00", "04:00") });
export const nachteule = restaurant({ name: "Nachteule", timeZone: "Europe/Berlin", address: "2 Teststraße, 10115 Berlin", openingHours: everyDay("18:00", "04:00") });
export const spaetbar = restaurant({ name: "Spätbar", timeZone: "Europe/Berlin", address: "3 Teststraße, 10115 Berlin", openingHours: everyDay("18:00", "02:00") });
const restaurants = [bistro, brasserie, nightOwl, nachteule, spaetbar];

export const tableApp = () => buildTestApp({ restaurants, env: { STATUS_CHANGE_LIMIT: "1000" } });

export async function book(t: TestApp, place: Restaurant, local: string, guestCount = 2) {
  // Booked two days ahead: the booking must be in the future when it is made.
  setSystemTime(Date.parse(`${local}:00Z`) - 2 * DAY);
  const response = await t.call("POST", "/api/v1/reservations", booking(place.id, { date: local, guestCount }));
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return { id: body.id as string, startsAt: Date.parse(body.date) };
}

export const put = (t: TestApp, id: string, body: unknown) => t.call("PUT", `/api/v1/reservations/${id}/status`, body);
export const read = async (t: TestApp, id: string) => (await t.call("GET", `/api/v1/reservations/${id}`)).json();
export const history = async (t: TestApp, id: string) => (await (await t.call("GET", `/api/v1/reservations/${id}/history?limit=100`)).json()).data;
/** The status as stored, before the clock moves it on: what a write, not a read, has recorded. */
export const storedStatus = async (t: TestApp, id: string) => (await t.storage.repo.getReservation(id))!.status;

/** The window, in minutes around the reservation time, in which staff can put a guest in each state, and how. */
const reachable: Record<Exclude<State, "upcoming">, { from: number; until: number; steps: State[] }> = {
  guest_here: { from: -60, until: 14, steps: ["guest_here"] },
  guest_left: { from: -60, until: 14, steps: ["guest_here", "guest_left"] },
  missed: { from: 0, until: 14, steps: ["missed"] },
  cancelled: { from: -Infinity, until: -1, steps: ["cancelled"] },
};

/** Through the API at the latest minute the rules allow that is not after `clock`; otherwise written straight to storage. */
export async function store(t: TestApp, id: string, startsAt: number, state: State, clock: number) {
  if (state === "upcoming") return;
  const { from, until, steps } = reachable[state];
  const at = Math.min(clock, startsAt + until * MINUTE);
  if (at < startsAt + from * MINUTE) {
    await setStoredStatus(t.storage, id, statusCode[state]);
    return;
  }
  setSystemTime(at);
  for (const step of steps) {
    const response = await put(t, id, { status: statusCode[step] });
    expect({ setUp: step, status: response.status }).toEqual({ setUp: step, status: 200 });
  }
}
