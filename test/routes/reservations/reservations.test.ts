import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { booking, buildTestApp, restaurant, type TestApp } from "../../support/app";
import { book, countRows, expectProblem, setStoredStatus } from "../../support/fixtures";

const NOW = "2026-12-01T12:00:00Z";
const bistro = restaurant({ capacity: 10, maxPartySize: 6 });
const trattoria = restaurant({ name: "Test Trattoria", cuisine: "italian", timeZone: "America/New_York" });

beforeEach(() => setSystemTime(new Date(NOW)));
afterEach(() => setSystemTime());

interface Reservation {
  id: string;
  date: string;
  firstName: string;
  guestCount: number;
  state: string;
  status: number;
  updatedAt: string;
  [field: string]: unknown;
}

const bookAt = (call: TestApp["call"], overrides: Record<string, unknown> = {}, place = bistro) =>
  book(call, place, overrides) as Promise<Reservation>;

async function listed(call: TestApp["call"], query: string): Promise<{ data: Reservation[]; nextCursor: string | null }> {
  const response = await call("GET", `/api/v1/reservations${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

const row = (storage: TestApp["storage"], id: string) => storage.repo.getReservation(id);

describe("POST /api/v1/reservations", () => {
  test("books an upcoming reservation: 201 with Location, ETag and the whole reservation", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id, { email: "ada@example.com", occasion: "birthday" }));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(response.headers.get("location")).toBe(`/api/v1/reservations/${body.id}`);
    expect(response.headers.get("etag")).toBeString();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      restaurantId: bistro.id,
      firstName: "Ada",
      lastName: "Lovelace",
      phone: "4155552671",
      email: "ada@example.com",
      receiveEmailUpdates: true,
      receivePhoneCall: true,
      receiveTextNotification: false,
      occasion: "birthday",
      date: "2026-12-18T19:00:00-08:00",
      guestCount: 2,
      status: 0,
      state: "upcoming",
      statusChangedAt: "2026-12-01T12:00:00.000Z",
      createdAt: "2026-12-01T12:00:00.000Z",
      updatedAt: "2026-12-01T12:00:00.000Z",
    });
    expect(await row(storage, body.id)).toMatchObject({
      restaurantId: bistro.id,
      phone: "4155552671",
      startsAt: Date.parse("2026-12-18T19:00:00-08:00"),
      endsAt: Date.parse("2026-12-18T20:30:00-08:00"),
      guestCount: 2,
      status: 0,
    });
  });

  test("records who made it, by key name, in the status log, and queues a notification", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const { id } = await bookAt(call);
    const log = (await storage.repo.statusLog(id, 10)).items.map(({ fromStatus, toStatus, actor }) => ({ fromStatus, toStatus, actor }));
    expect(log).toEqual([{ fromStatus: null, toStatus: 0, actor: { kind: "api_key", name: "frontdesk" } }]);
    // One outbox entry per channel: email, sms and voice.
    expect(await countRows(storage, "outbox")).toBe(3);
  });

  test("gives ids that are neither sequential integers nor reused", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const first = await bookAt(call, { guestCount: 1 });
    const second = await bookAt(call, { guestCount: 1 });
    expect(first.id).not.toBe(second.id);
    expect(first.id).not.toMatch(/^\d+$/);
  });

  test("refuses with 409 only when there is no room, and writes nothing", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, { guestCount: 6 });
    await bookAt(call, { guestCount: 4 });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id, { guestCount: 1 }));
    const body = await expectProblem(response, 409);
    expect(body).toMatchObject({ code: "conflict", remainingCovers: 0 });
    expect(await countRows(storage, "reservations")).toBe(2);
    expect(await countRows(storage, "status_log")).toBe(2);
    expect(await countRows(storage, "outbox")).toBe(2 * 3);
  });

  test("refuses a party larger than the covers left for any part of its dining time", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, { date: "2026-12-18T20:15", guestCount: 6 });
    const response = await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-18T19:00", guestCount: 5 }));
    expect(await expectProblem(response, 409)).toMatchObject({ remainingCovers: 4 });
    expect((await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-18T19:00", guestCount: 4 }))).status).toBe(201);
  });

  test("a full restaurant still books a seating that starts as the full one ends", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, { guestCount: 6 });
    await bookAt(call, { guestCount: 4 });
    expect((await bookAt(call, { date: "2026-12-18T20:30", guestCount: 6 })).date).toBe("2026-12-18T20:30:00-08:00");
    expect((await bookAt(call, { date: "2026-12-18T17:30", guestCount: 6 })).date).toBe("2026-12-18T17:30:00-08:00");
  });

  test("a date off the seatings of a full restaurant is 422, not 409", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, { guestCount: 6 });
    await bookAt(call, { guestCount: 4 });
    await expectProblem(await call("POST", "/api/v1/reservations", booking(bistro.id, { date: "2026-12-18T19:07" })), 422);
  });

  test("seats held by a missed or cancelled reservation can be booked again", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const cancelled = await bookAt(call, { guestCount: 6 });
    await bookAt(call, { guestCount: 4 });
    await setStoredStatus(storage, cancelled.id, 4);
    expect((await bookAt(call, { guestCount: 6 })).state).toBe("upcoming");
  });
});

describe("GET /api/v1/reservations/{reservationId}", () => {
  test("reads a reservation back exactly as it was created", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call);
    const response = await call("GET", `/api/v1/reservations/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBeString();
    expect(await response.json()).toEqual(created);
  });

  test("shows the state the clock has moved it to: missed 15 minutes after its time", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const { id } = await bookAt(call);
    setSystemTime(new Date(Date.parse("2026-12-18T19:15:00-08:00") - 1));
    expect(await (await call("GET", `/api/v1/reservations/${id}`)).json()).toMatchObject({ status: 0, state: "upcoming" });
    setSystemTime(new Date("2026-12-18T19:15:00-08:00"));
    expect(await (await call("GET", `/api/v1/reservations/${id}`)).json()).toMatchObject({
      status: 3,
      state: "missed",
      statusChangedAt: "2026-12-19T03:15:00.000Z",
    });
  });
});

describe("GET /api/v1/reservations", () => {
  /** Five reservations at two restaurants, on three days, under two phone numbers. */
  async function fiveReservations() {
    const app = await buildTestApp({ restaurants: [bistro, trattoria] });
    const made = {
      early: await bookAt(app.call, { date: "2026-12-10T17:00", phone: "(415) 555-2671" }),
      middle: await bookAt(app.call, { date: "2026-12-18T19:00", phone: "(415) 555-0100" }),
      late: await bookAt(app.call, { date: "2026-12-24T21:00", phone: "(415) 555-2671" }),
      newYork: await bookAt(app.call, { date: "2026-12-18T19:00", phone: "(212) 555-0199" }, trattoria),
      sameTime: await bookAt(app.call, { date: "2026-12-18T19:00", phone: "(415) 555-0100", guestCount: 1 }),
    };
    return { app, made };
  }
  const ids = (page: { data: Reservation[] }) => page.data.map((item) => item.id);

  test("lists every reservation ordered by seating time", async () => {
    const { app, made } = await fiveReservations();
    const page = await listed(app.call, "");
    const byTime = [made.early, made.newYork, made.middle, made.sameTime, made.late];
    expect(page.data.map((item) => Date.parse(item.date))).toEqual(byTime.map((item) => Date.parse(item.date)));
    expect(new Set(ids(page))).toEqual(new Set(byTime.map((item) => item.id)));
    expect(page.nextCursor).toBeNull();
  });

  test.each<[string, string, Array<"early" | "middle" | "late" | "newYork" | "sameTime">]>([
    ["restaurantId", `?restaurantId=${trattoria.id}`, ["newYork"]],
    ["from, inclusive", `?from=${encodeURIComponent("2026-12-18T19:00:00-08:00")}`, ["middle", "sameTime", "late"]],
    ["to, exclusive", `?to=${encodeURIComponent("2026-12-18T19:00:00-08:00")}`, ["early", "newYork"]],
    ["from and to", "?from=2026-12-18T00:00:00Z&to=2026-12-20T00:00:00Z", ["newYork", "middle", "sameTime"]],
    ["phone in the same notation", `?phone=${encodeURIComponent("(415) 555-2671")}`, ["early", "late"]],
    ["phone in another notation", `?phone=${encodeURIComponent("+1 415 555 2671")}`, ["early", "late"]],
    ["phone as national digits", "?phone=4155552671", ["early", "late"]],
    ["state upcoming", "?state=upcoming", ["early", "newYork", "middle", "sameTime", "late"]],
    ["state missed", "?state=missed", []],
    ["restaurantId and phone", `?restaurantId=${bistro.id}&phone=415.555.0100`, ["middle", "sameTime"]],
  ])("filters by %s", async (_case, query, expected) => {
    const { app, made } = await fiveReservations();
    const page = await listed(app.call, query);
    expect(new Set(ids(page))).toEqual(new Set(expected.map((name) => made[name].id)));
    expect(page.data).toHaveLength(expected.length);
  });

  test("filters by the state the clock has moved each reservation to, in each restaurant's own time", async () => {
    const { app, made } = await fiveReservations();
    setSystemTime(new Date("2026-12-18T19:15:00-05:00"));
    const sorted = (items: Reservation[]) => items.map((item) => item.id).sort();
    expect(ids(await listed(app.call, "?state=missed")).sort()).toEqual(sorted([made.early, made.newYork]));
    expect(ids(await listed(app.call, "?state=upcoming")).sort()).toEqual(sorted([made.middle, made.sameTime, made.late]));
  });

  test("pages through every reservation exactly once, two at a time", async () => {
    const { app } = await fiveReservations();
    const all = ids(await listed(app.call, ""));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: Reservation[]; nextCursor: string | null } = await listed(app.call, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  test("a new reservation made between pages does not repeat or hide earlier ones", async () => {
    const { app } = await fiveReservations();
    const first = await listed(app.call, "?limit=2");
    await bookAt(app.call, { date: "2026-12-05T17:00", guestCount: 1 });
    const rest = await listed(app.call, `?limit=10&cursor=${first.nextCursor}`);
    expect(new Set([...ids(first), ...ids(rest)]).size).toBe(5);
  });

  test.each([
    ["limit over 100", "?limit=101", "limit"],
    ["a cursor not from this list", "?cursor=abc", "cursor"],
    ["a restaurant cursor", `?cursor=${Buffer.from(JSON.stringify({ name: "x", id: "y" })).toString("base64url")}`, "cursor"],
    ["an unknown state", "?state=seated", "state"],
    ["from without an offset", "?from=2026-12-18T19:00", "from"],
    ["to that is not a date-time", "?to=tomorrow", "to"],
    ["a phone that is not a number", "?phone=123", "phone"],
  ])("%s gets 422 naming the parameter", async (_case, query, field) => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const body = await expectProblem(await call("GET", `/api/v1/reservations${query}`), 422);
    expect(body.errors).toContainEqual(expect.objectContaining({ field }));
  });
});

describe("PATCH /api/v1/reservations/{reservationId}", () => {
  const patch = (call: TestApp["call"], id: string, changes: Record<string, unknown>) => call("PATCH", `/api/v1/reservations/${id}`, changes);

  test("changes the guest fields given, keeps the rest, and stores the change", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call, { email: "ada@example.com" });
    setSystemTime(new Date("2026-12-02T08:30:00Z"));
    const response = await patch(call, created.id, { firstName: " Grace ", lastName: "Hopper", phone: "+1 415 555 0100", occasion: "anniversary", email: null, receiveTextNotification: true });
    expect(response.status).toBe(200);
    const changed = await response.json();
    expect(changed).toEqual({
      ...created,
      firstName: "Grace",
      lastName: "Hopper",
      phone: "4155550100",
      occasion: "anniversary",
      email: null,
      receiveTextNotification: true,
      updatedAt: "2026-12-02T08:30:00.000Z",
    });
    expect(response.headers.get("etag")).not.toBe(null);
    expect(await row(storage, created.id)).toMatchObject({ firstName: "Grace", lastName: "Hopper", phone: "4155550100", email: null, version: 2 });
    expect(await (await call("GET", `/api/v1/reservations/${created.id}`)).json()).toEqual(changed);
  });

  test("moves a reservation to another seating and party size", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call);
    const response = await patch(call, created.id, { date: "2026-12-19T20:00", guestCount: 5 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ date: "2026-12-19T20:00:00-08:00", guestCount: 5 });
    expect(await row(storage, created.id)).toMatchObject({
      startsAt: Date.parse("2026-12-19T20:00:00-08:00"),
      endsAt: Date.parse("2026-12-19T21:30:00-08:00"),
      guestCount: 5,
    });
  });

  test("in a full restaurant, a reservation can still change its own guest fields and party size within its seats", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const six = await bookAt(call, { guestCount: 6 });
    const four = await bookAt(call, { guestCount: 4 });
    expect((await patch(call, six.id, { firstName: "Grace" })).status).toBe(200);
    expect((await patch(call, six.id, { guestCount: 6, date: "2026-12-18T19:00" })).status).toBe(200);
    expect((await patch(call, four.id, { guestCount: 3 })).status).toBe(200);
    expect((await patch(call, four.id, { guestCount: 4 })).status).toBe(200);
  });

  test("in a full restaurant, a reservation can move to a seating that only its own seats make room for", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    await bookAt(call, { guestCount: 6 });
    const four = await bookAt(call, { guestCount: 4 });
    const response = await patch(call, four.id, { date: "2026-12-18T19:15" });
    expect(response.status).toBe(200);
    expect((await response.json()).date).toBe("2026-12-18T19:15:00-08:00");
  });

  test("refuses with 409 a larger party or a move that has no room, and changes nothing", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const six = await bookAt(call, { guestCount: 6 });
    const four = await bookAt(call, { guestCount: 4 });
    await bookAt(call, { date: "2026-12-18T21:00", guestCount: 5 });
    expect(await expectProblem(await patch(call, four.id, { guestCount: 5 }), 409)).toMatchObject({ code: "conflict", remainingCovers: 4 });
    await expectProblem(await patch(call, six.id, { date: "2026-12-18T20:30" }), 409);
    expect(await row(storage, four.id)).toMatchObject({ guestCount: 4, version: 1 });
    expect(await row(storage, six.id)).toMatchObject({ startsAt: Date.parse("2026-12-18T19:00:00-08:00"), version: 1 });
  });

  test("refuses with 409 any change to a reservation that is no longer upcoming: missed by the clock", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call);
    setSystemTime(new Date("2026-12-18T19:15:00-08:00"));
    const body = await expectProblem(await patch(call, created.id, { firstName: "Grace" }), 409);
    expect(body).toMatchObject({ code: "conflict", currentState: "missed" });
    expect(await row(storage, created.id)).toMatchObject({ firstName: "Ada", version: 1 });
  });

  test("refuses with 409 a change to a cancelled reservation", async () => {
    const { call, storage } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call);
    await setStoredStatus(storage, created.id, 4);
    expect(await expectProblem(await patch(call, created.id, { occasion: "x" }), 409)).toMatchObject({ currentState: "cancelled" });
  });

  test("still changes a reservation one millisecond before it would be missed", async () => {
    const { call } = await buildTestApp({ restaurants: [bistro] });
    const created = await bookAt(call);
    setSystemTime(new Date(Date.parse("2026-12-18T19:15:00-08:00") - 1));
    expect((await patch(call, created.id, { firstName: "Grace" })).status).toBe(200);
  });
});
