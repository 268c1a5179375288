import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import fc from "fast-check";
import { buildTestApp, type TestApp } from "../support/app";
import { book, countRows, expectFieldError } from "../support/fixtures";
import {
  brokenField,
  encodedQuery,
  NOW,
  rawQuery,
  serverSetKeys,
  validBooking,
  validPatch,
  venue,
  withBrokenField,
} from "./arbitraries";

/** Runs per property: enough to meet every kind of value, few enough that the file takes seconds. */
const RUNS = 60;

beforeEach(() => setSystemTime(NOW));
afterEach(() => setSystemTime());

/** One app per test, without the per-key request limit so that a long shrink never meets a 429. */
const venueApp = () => buildTestApp({ restaurants: [venue], env: { API_RATE_LIMIT_PER_MINUTE: "0" } });

/** The status and content type are what a client branches on; a 5xx is never an answer to input. */
async function expectClientError(response: Response, allowed: number[]): Promise<void> {
  const text = await response.text();
  if (!allowed.includes(response.status)) throw new Error(`expected one of ${allowed.join(", ")}, got ${response.status}: ${text}`);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(JSON.parse(text).status).toBe(response.status);
}

const instantOf = (date: unknown) => Temporal.Instant.from(String(date)).epochMilliseconds;

describe("POST /api/v1/reservations with generated bodies", () => {
  test("accepts every valid booking with 201 and stores names trimmed, the phone as its national number and the seating instant", async () => {
    const { call } = await venueApp();
    await fc.assert(
      fc.asyncProperty(validBooking, async ({ body, expected }) => {
        const response = await call("POST", "/api/v1/reservations", body);
        const text = await response.text();
        expect({ status: response.status, body: text }).toMatchObject({ status: 201 });
        const created = JSON.parse(text);
        const { epochMs, ...fields } = expected;
        expect(created).toMatchObject({ ...fields, restaurantId: venue.id, state: "upcoming", status: 0 });
        expect(instantOf(created.date)).toBe(epochMs);
      }),
      { numRuns: RUNS },
    );
  });

  test("refuses a booking with any one field broken with 422 naming that field, and books nothing", async () => {
    const { call, storage } = await venueApp();
    await fc.assert(
      fc.asyncProperty(validBooking, brokenField, async ({ body }, broken) => {
        const response = await call("POST", "/api/v1/reservations", withBrokenField(body, broken));
        await expectFieldError(response, broken.field);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(await countRows(storage, "reservations")).toBe(0);
  });

  test("answers any JSON value as the body with a 400, 415 or 422 problem, never a 500", async () => {
    const { call } = await venueApp();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const response = await call("POST", "/api/v1/reservations", JSON.stringify(value));
        await expectClientError(response, [400, 415, 422]);
      }),
      { numRuns: RUNS },
    );
  });

  test("answers any text as the body with a 400 or 422 problem, never a 500", async () => {
    const { call } = await venueApp();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary" }), async (text) => {
        const response = await call("POST", "/api/v1/reservations", text);
        await expectClientError(response, [400, 422]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("GET list endpoints with generated query strings", () => {
  const lists = fc.constantFrom("/api/v1/reservations", "/api/v1/restaurants");

  async function expectAnswered(call: TestApp["call"], path: string): Promise<void> {
    const response = await call("GET", path);
    if (response.status === 200) {
      expect(response.headers.get("content-type")).toStartWith("application/json");
      expect(await response.json()).toHaveProperty("data");
    } else {
      await expectClientError(response, [400, 422]);
    }
  }

  test("answer any encoded query of limit, cursor, state, from, to, phone and q with 200 or a 4xx problem", async () => {
    const { call } = await venueApp();
    await book(call, venue, { date: "2026-12-18T19:00" });
    await fc.assert(
      fc.asyncProperty(lists, encodedQuery, (path, query) => expectAnswered(call, `${path}?${query}`)),
      { numRuns: RUNS * 2 },
    );
  });

  test("answer an unencoded query with malformed escapes with 200 or a 4xx problem", async () => {
    const { call } = await venueApp();
    await fc.assert(
      fc.asyncProperty(lists, rawQuery, (path, query) => expectAnswered(call, `${path}?${query}`)),
      { numRuns: RUNS },
    );
  });
});

describe("PATCH /api/v1/reservations/{id} with generated bodies", () => {
  /** An upcoming reservation 17 days after the frozen clock. */
  async function upcoming() {
    const app = await venueApp();
    const reservation = await book(app.call, venue, { date: "2026-12-18T19:00" });
    return { ...app, path: `/api/v1/reservations/${reservation.id}` };
  }

  test("accepts any subset of valid fields on an upcoming reservation with 200 and stores each one", async () => {
    const { call, path } = await upcoming();
    await fc.assert(
      fc.asyncProperty(validPatch, async ({ body, stored }) => {
        const response = await call("PATCH", path, body);
        const text = await response.text();
        expect({ status: response.status, body: text }).toMatchObject({ status: 200 });
        const changed = JSON.parse(text);
        const { epochMs, ...fields } = stored;
        expect(changed).toMatchObject({ ...fields, state: "upcoming" });
        if (epochMs !== undefined) expect(instantOf(changed.date)).toBe(epochMs as number);
      }),
      { numRuns: RUNS },
    );
  });

  test("refuses a server-set field with 422 naming it, even beside valid changes, and changes nothing", async () => {
    const { call, path } = await upcoming();
    const before = await (await call("GET", path)).json();
    const serverSet = fc.constantFrom(...serverSetKeys, "restaurantId");
    await fc.assert(
      fc.asyncProperty(validPatch, serverSet, fc.jsonValue({ maxDepth: 1 }), async ({ body }, key, value) => {
        const response = await call("PATCH", path, { ...body, [key]: value });
        await expectFieldError(response, key, "unrecognized_key");
      }),
      { numRuns: RUNS },
    );
    expect(await (await call("GET", path)).json()).toEqual(before);
  });
});
