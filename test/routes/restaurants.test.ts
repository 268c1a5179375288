import { restaurantJson } from "../../src/routes/restaurants/restaurants.serialize";
import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { demoRestaurants } from "../../src/db/seed";
import type { Restaurant } from "../../src/domain/restaurant";
import type { StatusCode } from "../../src/domain/reservation-status";
import { buildTestApp, restaurant, type TestApp } from "../support/app";
import { book, expectFieldError, expectProblem, setStoredStatus, UNKNOWN_ID } from "../support/fixtures";

const NOW = "2026-12-01T12:00:00Z";
beforeEach(() => setSystemTime(new Date(NOW)));
afterEach(() => setSystemTime());

interface Page {
  data: Restaurant[];
  nextCursor: string | null;
}

const names = (page: Page) => page.data.map((item) => item.name);

async function listPage({ call }: TestApp, query: string): Promise<Page> {
  const response = await call("GET", `/api/v1/restaurants${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe("GET /api/v1/restaurants", () => {
  test("lists the demo restaurants ordered by name", async () => {
    const app = await buildTestApp();
    const page = await listPage(app, "?limit=100");
    expect(page.data).toHaveLength(30);
    expect(names(page)).toEqual(demoRestaurants.map((item) => item.name).sort());
    expect(page.nextCursor).toBeNull();
  });

  test("gives 20 by default, with a cursor to the rest", async () => {
    const page = await listPage(await buildTestApp(), "");
    expect(page.data).toHaveLength(20);
    expect(page.nextCursor).toBeString();
  });

  test("walks all 30 restaurants exactly once, in order, following nextCursor", async () => {
    const app = await buildTestApp();
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await listPage(app, `?limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      seen.push(...names(page));
      pageSizes.push(page.data.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pageSizes).toEqual([7, 7, 7, 7, 2]);
    expect(seen).toEqual(demoRestaurants.map((item) => item.name).sort());
  });

  test("a limit that divides the list exactly ends with a null cursor, not an empty page", async () => {
    const app = await buildTestApp();
    const first = await listPage(app, "?limit=15");
    const second = await listPage(app, `?limit=15&cursor=${first.nextCursor}`);
    expect(second.data).toHaveLength(15);
    expect(second.nextCursor).toBeNull();
  });

  test.each([
    ["101", "too_big"],
    ["0", "too_small"],
    ["-5", "too_small"],
    ["ten", "invalid_type"],
    ["2.5", "invalid_type"],
  ])("limit=%s gets 422 naming limit (%s)", async (limit, rule) => {
    const { call } = await buildTestApp();
    await expectFieldError(await call("GET", `/api/v1/restaurants?limit=${limit}`), "limit", rule);
  });

  test("limit=100 is allowed", async () => {
    expect((await listPage(await buildTestApp(), "?limit=100")).data).toHaveLength(30);
  });

  test.each([
    ["garbage", "not-a-cursor!"],
    ["base64url of text that is not JSON", Buffer.from("hello").toString("base64url")],
    ["base64url of JSON of the wrong shape", Buffer.from(JSON.stringify({ startsAt: 1, id: "x" })).toString("base64url")],
    ["empty", ""],
  ])("a cursor that is %s gets 422 naming cursor", async (_case, cursor) => {
    const { call } = await buildTestApp();
    await expectFieldError(await call("GET", `/api/v1/restaurants?cursor=${encodeURIComponent(cursor)}`), "cursor", "invalid_cursor");
  });

  test.each([
    ["a word of the name", "?q=ramen", ["Kiez Ramen"]],
    ["text in any case", "?q=RAMEN", ["Kiez Ramen"]],
    ["a cuisine", "?q=vegetarian", ["Feld & Wurzel", "Sunroot Kitchen"]],
    ["a word of the address", "?q=Brick%20Lane", ["Bombay Lantern"]],
    ["a non-ASCII name", "?q=Gr%C3%BCnen", ["Zum Grünen Hirsch"]],
    ["a LIKE wildcard, taken literally", "?q=%25", []],
    ["an underscore, taken literally", "?q=_", []],
    ["the cuisine filter", "?cuisine=italian", ["La Palma Trattoria", "Osteria Bellanotte", "Trattoria Spreeblick"]],
    ["the cuisine filter in another case", "?cuisine=Italian", ["La Palma Trattoria", "Osteria Bellanotte", "Trattoria Spreeblick"]],
    ["a cuisine nobody serves", "?cuisine=klingon", []],
    ["both filters at once", "?q=Berlin&cuisine=italian", ["Trattoria Spreeblick"]],
  ])("filters by %s", async (_case, query, expected) => {
    const page = await listPage(await buildTestApp(), query);
    expect(names(page)).toEqual(expected);
    expect(page.nextCursor).toBeNull();
  });

  test("pages a filtered list", async () => {
    const app = await buildTestApp();
    const first = await listPage(app, "?cuisine=italian&limit=2");
    const second = await listPage(app, `?cuisine=italian&limit=2&cursor=${first.nextCursor}`);
    expect([...names(first), ...names(second)]).toEqual(["La Palma Trattoria", "Osteria Bellanotte", "Trattoria Spreeblick"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("GET /api/v1/restaurants/{restaurantId}", () => {
  test("returns the restaurant with every field", async () => {
    const { call } = await buildTestApp();
    const kiez = demoRestaurants.find((item) => item.name === "Kiez Ramen")!;
    const response = await call("GET", `/api/v1/restaurants/${kiez.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(restaurantJson(kiez));
  });

  test.each([UNKNOWN_ID, "not-an-id", "..%2F..%2Fetc"])("gets 404 for %s", async (id) => {
    const { call } = await buildTestApp();
    expect((await expectProblem(await call("GET", `/api/v1/restaurants/${id}`), 404)).code).toBe("not_found");
  });
});

describe("GET /api/v1/restaurants/{restaurantId}/availability", () => {
  const bistro = restaurant({ capacity: 10, maxPartySize: 6 });
  const availability = (call: TestApp["call"], date: string, partySize = 2, place: Restaurant = bistro) =>
    call("GET", `/api/v1/restaurants/${place.id}/availability?date=${date}&partySize=${partySize}`);
  const slotsOf = async (response: Response): Promise<Array<{ start: string; remainingCovers: number }>> => {
    expect(response.status).toBe(200);
    return (await response.json()).slots;
  };
  const starts = async (response: Response) => (await slotsOf(response)).map((slot) => slot.start);

  const bookAt = async (call: TestApp["call"], date: string, guestCount: number) => (await book(call, bistro, { date, guestCount })).id;

  test("lists the local day's seatings as RFC 3339 with the local offset", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await availability(call, "2026-12-18");
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ date: "2026-12-18", timeZone: "America/Los_Angeles" });
    expect(body.slots).toHaveLength(19);
    expect(body.slots[0]).toEqual({ start: "2026-12-18T17:00:00-08:00", remainingCovers: 10 });
    for (const slot of body.slots) expect(slot.start).toMatch(/^2026-12-18T(1[7-9]|2[01]):[0-5][05]:00-08:00$/);
  });

  test("leaves out seatings that would run past closing", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const slots = await starts(await availability(call, "2026-12-18"));
    expect(slots.at(-1)).toBe("2026-12-18T21:30:00-08:00");
    expect(slots).not.toContain("2026-12-18T21:45:00-08:00");
  });

  test("leaves out seatings that have started, including the one starting right now", async () => {
    setSystemTime(new Date("2026-12-01T18:00:00-08:00"));
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const slots = await starts(await availability(call, "2026-12-01"));
    expect(slots[0]).toBe("2026-12-01T18:15:00-08:00");
    expect(slots).toHaveLength(14);
  });

  test("gives no seatings for a day already over, or beyond the booking horizon", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect(await starts(await availability(call, "2026-11-30"))).toEqual([]);
    expect(await starts(await availability(call, "2027-05-29"))).toHaveLength(19);
    expect(await starts(await availability(call, "2027-05-30"))).toEqual([]);
  });

  test("leaves out full seatings: every one whose dining time overlaps a full one", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, "2026-12-18T19:00", 6);
    await bookAt(call, "2026-12-18T19:00", 4);
    const slots = await slotsOf(await availability(call, "2026-12-18", 1));
    expect(slots.map((slot) => slot.start.slice(11, 16))).toEqual(["17:00", "17:15", "17:30", "20:30", "20:45", "21:00", "21:15", "21:30"]);
    expect(slots.every((slot) => slot.remainingCovers === 10)).toBe(true);
  });

  test("leaves out seatings without room for the party, and shows the covers left where it fits", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, "2026-12-18T19:00", 6);
    const forFive = await starts(await availability(call, "2026-12-18", 5));
    expect(forFive).not.toContain("2026-12-18T19:00:00-08:00");
    expect(forFive).not.toContain("2026-12-18T17:45:00-08:00");
    const forFour = await slotsOf(await availability(call, "2026-12-18", 4));
    expect(forFour).toContainEqual({ start: "2026-12-18T19:00:00-08:00", remainingCovers: 4 });
    expect(forFour).toContainEqual({ start: "2026-12-18T17:30:00-08:00", remainingCovers: 10 });
  });

  test.each([
    [0, "upcoming", false],
    [1, "guest_here", false],
    [2, "guest_left", true],
    [3, "missed", true],
    [4, "cancelled", true],
  ])("a reservation stored with status %d (%s) frees its seats: %p", async (status, _state, frees) => {
    const app = await buildTestApp({ restaurants: [bistro] });
    const id = await bookAt(app.call, "2026-12-18T19:00", 6);
    await bookAt(app.call, "2026-12-18T19:00", 4);
    await setStoredStatus(app.storage, id, status as StatusCode);
    const slots = await slotsOf(await availability(app.call, "2026-12-18", 1));
    const seven = slots.find((slot) => slot.start === "2026-12-18T19:00:00-08:00");
    expect(seven).toEqual(frees ? { start: "2026-12-18T19:00:00-08:00", remainingCovers: 6 } : undefined);
  });

  test("a reservation becomes missed 15 minutes after its time and frees its seats then", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, "2026-12-18T17:00", 6);
    await bookAt(call, "2026-12-18T17:00", 4);
    const missedAt = Date.parse("2026-12-18T17:15:00-08:00");

    setSystemTime(new Date(missedAt - 1));
    const before = await starts(await availability(call, "2026-12-18", 1));
    expect(before).not.toContain("2026-12-18T17:30:00-08:00");

    setSystemTime(new Date(missedAt));
    const after = await slotsOf(await availability(call, "2026-12-18", 1));
    expect(after[0]).toEqual({ start: "2026-12-18T17:30:00-08:00", remainingCovers: 10 });
  });

  test("gives +01:00 offsets for a Berlin restaurant in winter and +02:00 in summer time", async () => {
    const berlin = restaurant({ name: "Berliner Stube", timeZone: "Europe/Berlin" });
    const { call } = await buildTestApp({ restaurants: [berlin] });
    const winter = await call("GET", `/api/v1/restaurants/${berlin.id}/availability?date=2026-12-18&partySize=2`);
    expect(await winter.json()).toMatchObject({ timeZone: "Europe/Berlin", slots: expect.arrayContaining([{ start: "2026-12-18T17:00:00+01:00", remainingCovers: 10 }]) });
    const summer = await starts(await call("GET", `/api/v1/restaurants/${berlin.id}/availability?date=2027-04-15&partySize=2`));
    expect(summer[0]).toBe("2027-04-15T17:00:00+02:00");
  });

  test("gives the summer offset on the spring-forward day", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect((await starts(await availability(call, "2027-03-14")))[0]).toBe("2027-03-14T17:00:00-07:00");
  });

  test.each([
    ["over the restaurant's maximum", "7", "too_big"],
    ["zero", "0", "too_small"],
    ["not a number", "two", "invalid_type"],
    ["not whole", "2.5", "invalid_type"],
  ])("a partySize %s gets 422 naming partySize", async (_case, partySize, rule) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("GET", `/api/v1/restaurants/${bistro.id}/availability?date=2026-12-18&partySize=${partySize}`);
    await expectFieldError(response, "partySize", rule);
  });

  test("the maximum party size is allowed", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    expect(await starts(await availability(call, "2026-12-18", 6))).toHaveLength(19);
  });

  test.each([
    ["a month that does not exist", "date=2026-13-01"],
    ["a day that does not exist", "date=2027-02-29"],
    ["another notation", "date=18%2F12%2F2026"],
    ["a date-time", "date=2026-12-18T19:00"],
    ["empty", "date="],
    ["missing", ""],
  ])("a date that is %s gets 422 naming date", async (_case, query) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("GET", `/api/v1/restaurants/${bistro.id}/availability?${query}&partySize=2`);
    await expectFieldError(response, "date");
  });

  test("an unknown restaurant gets 404", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("GET", `/api/v1/restaurants/${UNKNOWN_ID}/availability?date=2026-12-18&partySize=2`);
    await expectProblem(response, 404);
  });
});
