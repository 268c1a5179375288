import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { booking, buildTestApp, everyDay, restaurant } from "../../support/app";
import { countRows, expectFieldError, UNKNOWN_ID } from "../../support/fixtures";

/** maxPartySize 6; room enough that no accepted case ever runs into capacity. */
const bistro = restaurant({ capacity: 50, maxPartySize: 6 });
const MAX = bistro.maxPartySize;
const letters = (count: number) => "Abcdefghijklmnopqrstuvwxyz".repeat(2).slice(0, count);
/** An address of exactly `length` characters. */
const emailOf = (length: number) => `${"a".repeat(length - "@example.com".length)}@example.com`;

beforeEach(() => setSystemTime(new Date("2026-12-01T12:00:00Z")));
afterEach(() => setSystemTime());

const post = async (overrides: Record<string, unknown>, place = bistro) => {
  const app = await buildTestApp({ restaurants: [place] });
  return { app, response: await app.call("POST", "/api/v1/reservations", booking(place.id, overrides)) };
};

describe("POST /api/v1/reservations refuses each broken rule with 422 naming the field", () => {
  test.each<[string, Record<string, unknown>, string, string]>([
    ["firstName of 16 characters", { firstName: letters(16) }, "firstName", "too_big"],
    ["firstName of 16 characters inside spaces", { firstName: `  ${letters(16)}  ` }, "firstName", "too_big"],
    ["firstName empty", { firstName: "" }, "firstName", "too_small"],
    ["firstName of spaces only", { firstName: "   " }, "firstName", "too_small"],
    ["firstName with digits", { firstName: "Ada2" }, "firstName", "invalid_format"],
    ["firstName with an emoji", { firstName: "Ada 🙂" }, "firstName", "invalid_format"],
    ["firstName with markup", { firstName: "<b>Ada</b>" }, "firstName", "invalid_format"],
    ["firstName with no letter", { firstName: "-'" }, "firstName", "invalid_format"],
    ["firstName that is a lone accent", { firstName: "\u0301" }, "firstName", "invalid_format"],
    ["firstName not a string", { firstName: 42 }, "firstName", "invalid_type"],
    ["firstName missing", { firstName: undefined }, "firstName", "invalid_type"],
    ["lastName of 16 characters", { lastName: letters(16) }, "lastName", "too_big"],
    ["lastName empty", { lastName: "" }, "lastName", "too_small"],
    ["lastName with digits", { lastName: "Lovelace3" }, "lastName", "invalid_format"],
    ["lastName missing", { lastName: undefined }, "lastName", "invalid_type"],
    ["phone too short", { phone: "123" }, "phone", "invalid_phone"],
    ["phone of all zeros", { phone: "0000000000" }, "phone", "invalid_phone"],
    ["phone without an area code", { phone: "555-2671" }, "phone", "invalid_phone"],
    ["phone with letters", { phone: "415-555-CALL" }, "phone", "invalid_phone"],
    ["phone of another calling code", { phone: "+44 20 7946 0958" }, "phone", "invalid_phone"],
    ["phone as a number", { phone: 4155552671 }, "phone", "invalid_type"],
    ["phone missing", { phone: undefined }, "phone", "invalid_type"],
    ["email of 31 characters", { email: emailOf(31) }, "email", "too_big"],
    ["email that is not an address", { email: "ada.example.com" }, "email", "invalid_format"],
    ["email empty", { email: "" }, "email", "invalid_format"],
    ["occasion of 21 characters", { occasion: "x".repeat(21) }, "occasion", "too_big"],
    ["occasion not a string", { occasion: 7 }, "occasion", "invalid_type"],
    ["receiveEmailUpdates not a boolean", { receiveEmailUpdates: "yes" }, "receiveEmailUpdates", "invalid_type"],
    ["receivePhoneCall not a boolean", { receivePhoneCall: 1 }, "receivePhoneCall", "invalid_type"],
    ["receiveTextNotification not a boolean", { receiveTextNotification: null }, "receiveTextNotification", "invalid_type"],
    ["guestCount 0", { guestCount: 0 }, "guestCount", "too_small"],
    ["guestCount negative", { guestCount: -2 }, "guestCount", "too_small"],
    ["guestCount max+1", { guestCount: MAX + 1 }, "guestCount", "too_big"],
    ["guestCount not whole", { guestCount: 2.5 }, "guestCount", "invalid_type"],
    ["guestCount as a string", { guestCount: "2" }, "guestCount", "invalid_type"],
    ["guestCount missing", { guestCount: undefined }, "guestCount", "invalid_type"],
    ["date missing", { date: undefined }, "date", "invalid_type"],
    ["date not a string", { date: 1797800400000 }, "date", "invalid_type"],
    ["date garbage", { date: "next friday at 7" }, "date", "invalid_format"],
    ["date without a time", { date: "2026-12-18" }, "date", "invalid_format"],
    ["date that is not in the calendar", { date: "2027-02-30T19:00" }, "date", "invalid_format"],
    ["date in the past", { date: "2026-11-30T19:00" }, "date", "not_in_future"],
    ["date beyond the 180-day horizon", { date: "2027-05-30T19:00" }, "date", "beyond_horizon"],
    ["date between slots", { date: "2026-12-18T19:07" }, "date", "not_a_slot"],
    ["date before opening", { date: "2026-12-18T16:00" }, "date", "not_a_slot"],
    ["date too close to closing", { date: "2026-12-18T21:45" }, "date", "not_a_slot"],
    ["date with seconds off the slot", { date: "2026-12-18T19:00:30" }, "date", "not_a_slot"],
    ["date on a slot only in another offset", { date: "2026-12-18T19:00:00Z" }, "date", "not_a_slot"],
    ["restaurantId that names no restaurant", { restaurantId: UNKNOWN_ID }, "restaurantId", "unknown_restaurant"],
    ["restaurantId missing", { restaurantId: undefined }, "restaurantId", "invalid_type"],
    ["an unknown field foo", { foo: "bar" }, "foo", "unrecognized_key"],
    ["the server-set id", { id: UNKNOWN_ID }, "id", "unrecognized_key"],
    ["the server-set status", { status: 1 }, "status", "unrecognized_key"],
    ["the server-set state", { state: "guest_here" }, "state", "unrecognized_key"],
    ["the server-set createdAt", { createdAt: "2026-12-01T00:00:00Z" }, "createdAt", "unrecognized_key"],
    ["the server-set updatedAt", { updatedAt: "2026-12-01T00:00:00Z" }, "updatedAt", "unrecognized_key"],
  ])("%s", async (_case, overrides, field, rule) => {
    const { app, response } = await post(overrides);
    await expectFieldError(response, field, rule);
    expect(await countRows(app.storage, "reservations")).toBe(0);
  });

  test("names every unknown and server-set field of one body", async () => {
    const { response } = await post({ foo: 1, id: "x", status: 0, state: "upcoming", createdAt: "x" });
    const body = await expectFieldError(response, "foo", "unrecognized_key");
    expect(body.errors!.map((error) => error.field).sort()).toEqual(["createdAt", "foo", "id", "state", "status"]);
    expect(body.detail).toBe("The request has invalid fields: foo, id, status, state, createdAt.");
  });

  test("names every field that breaks a rule of the body's shape", async () => {
    const { response } = await post({ firstName: "", lastName: letters(16), guestCount: 0, email: "nope" });
    const body = await expectFieldError(response, "firstName", "too_small");
    expect(new Set(body.errors!.map((error) => error.field))).toEqual(new Set(["firstName", "lastName", "guestCount", "email"]));
  });

  test("names a bad phone beside a bad firstName in one answer", async () => {
    const { response } = await post({ firstName: letters(16), phone: "123" });
    const body = await expectFieldError(response, "firstName", "too_big");
    expect(body.errors).toContainEqual(expect.objectContaining({ field: "phone", rule: "invalid_phone" }));
  });

  test("names phone, guestCount and date together when the restaurant's rules all fail", async () => {
    const { response } = await post({ phone: "123", guestCount: MAX + 1, date: "2026-12-18T19:07" });
    const body = await expectFieldError(response, "phone", "invalid_phone");
    expect(body.errors!.map((error) => [error.field, error.rule])).toEqual([
      ["phone", "invalid_phone"],
      ["guestCount", "too_big"],
      ["date", "not_a_slot"],
    ]);
  });

  test.each([
    ["an array", []],
    ["a string", "reservation"],
    ["null", null],
  ])("refuses a body that is %s, not an object", async (_case, body) => {
    const app = await buildTestApp({ restaurants: [bistro] });
    await expectFieldError(await app.call("POST", "/api/v1/reservations", JSON.stringify(body)), "body", "invalid_type");
  });

  test("refuses a seating at this very instant: it is not in the future", async () => {
    setSystemTime(new Date("2026-12-18T19:00:00-08:00"));
    const { response } = await post({ date: "2026-12-18T19:00" });
    await expectFieldError(response, "date", "not_in_future");
  });

  test("refuses a local time in the spring-forward gap as nonexistent, and says nothing else", async () => {
    const nightOwl = restaurant({ name: "Night Owl", openingHours: everyDay("02:00", "04:00"), diningMinutes: 60 });
    const { response } = await post({ date: "2027-03-14T02:30" }, nightOwl);
    const body = await expectFieldError(response, "date", "nonexistent_local_time");
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toContain("America/Los_Angeles");
  });
});

describe("POST /api/v1/reservations accepts the boundary values", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["firstName of 15 characters", { firstName: letters(15) }, { firstName: letters(15) }],
    ["firstName of 15 characters inside spaces, trimmed", { firstName: `  ${letters(15)}  ` }, { firstName: letters(15) }],
    ["firstName with spaces around it, trimmed", { firstName: "  Ada  " }, { firstName: "Ada" }],
    ["lastName of 15 characters", { lastName: letters(15) }, { lastName: letters(15) }],
    ["a one-letter name", { firstName: "A", lastName: "B" }, { firstName: "A", lastName: "B" }],
    ["Zoë", { firstName: "Zoë" }, { firstName: "Zoë" }],
    ["José", { firstName: "José" }, { firstName: "José" }],
    ["Łukasz", { firstName: "Łukasz" }, { firstName: "Łukasz" }],
    ["山田", { lastName: "山田" }, { lastName: "山田" }],
    ["Σωκράτης", { firstName: "Σωκράτης" }, { firstName: "Σωκράτης" }],
    ["O'Brien", { lastName: "O'Brien" }, { lastName: "O'Brien" }],
    ["D’Angelo, with a typographic apostrophe", { lastName: "D’Angelo" }, { lastName: "D’Angelo" }],
    ["Anne-Marie", { firstName: "Anne-Marie" }, { firstName: "Anne-Marie" }],
    ["Mary Ann", { firstName: "Mary Ann" }, { firstName: "Mary Ann" }],
    ["email of 30 characters", { email: emailOf(30) }, { email: emailOf(30) }],
    ["email null", { email: null }, { email: null }],
    ["occasion of 20 characters", { occasion: "x".repeat(20) }, { occasion: "x".repeat(20) }],
    ["occasion null", { occasion: null }, { occasion: null }],
    ["guestCount 1", { guestCount: 1 }, { guestCount: 1 }],
    ["guestCount max", { guestCount: MAX }, { guestCount: MAX }],
    ["phone (415) 555-2671", { phone: "(415) 555-2671" }, { phone: "4155552671" }],
    ["phone 415.555.2671", { phone: "415.555.2671" }, { phone: "4155552671" }],
    ["phone +1 415 555 2671", { phone: "+1 415 555 2671" }, { phone: "4155552671" }],
    ["phone 4155552671", { phone: "4155552671" }, { phone: "4155552671" }],
    ["a local date-time with seconds", { date: "2026-12-18T19:00:00" }, { date: "2026-12-18T19:00:00-08:00" }],
    ["a date-time with the local offset", { date: "2026-12-18T19:00:00-08:00" }, { date: "2026-12-18T19:00:00-08:00" }],
    ["a date-time in UTC", { date: "2026-12-19T03:00:00Z" }, { date: "2026-12-18T19:00:00-08:00" }],
    ["the last seating before closing", { date: "2026-12-18T21:30" }, { date: "2026-12-18T21:30:00-08:00" }],
    ["the last day of the horizon", { date: "2027-05-29T19:00" }, { date: "2027-05-29T19:00:00-07:00" }],
    [
      "the optional flags",
      { receiveEmailUpdates: false, receivePhoneCall: false, receiveTextNotification: true },
      { receiveEmailUpdates: false, receivePhoneCall: false, receiveTextNotification: true },
    ],
  ])("%s", async (_case, overrides, expected) => {
    const { app, response } = await post(overrides);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject(expected);
    expect(await countRows(app.storage, "reservations")).toBe(1);
  });

  test("an ambiguous fall-back time means its first occurrence", async () => {
    setSystemTime(new Date("2027-10-01T12:00:00Z"));
    const nightOwl = restaurant({ name: "Night Owl", openingHours: everyDay("00:00", "04:00"), diningMinutes: 60 });
    const { response } = await post({ date: "2027-11-07T01:30" }, nightOwl);
    expect(response.status).toBe(201);
    expect((await response.json()).date).toBe("2027-11-07T01:30:00-07:00");
  });

  test("the second occurrence of the fall-back hour can be booked by its offset", async () => {
    setSystemTime(new Date("2027-10-01T12:00:00Z"));
    const nightOwl = restaurant({ name: "Night Owl", openingHours: everyDay("00:00", "04:00"), diningMinutes: 60 });
    const { response } = await post({ date: "2027-11-07T01:30:00-08:00" }, nightOwl);
    expect(response.status).toBe(201);
    expect((await response.json()).date).toBe("2027-11-07T01:30:00-08:00");
  });
});

describe("PATCH /api/v1/reservations/{id} refuses each broken rule with 422 naming the field", () => {
  test.each<[string, Record<string, unknown>, string, string]>([
    ["firstName of 16 characters", { firstName: letters(16) }, "firstName", "too_big"],
    ["firstName null", { firstName: null }, "firstName", "invalid_type"],
    ["lastName empty", { lastName: " " }, "lastName", "too_small"],
    ["phone too short", { phone: "123" }, "phone", "invalid_phone"],
    ["email of 31 characters", { email: emailOf(31) }, "email", "too_big"],
    ["occasion of 21 characters", { occasion: "x".repeat(21) }, "occasion", "too_big"],
    ["guestCount 0", { guestCount: 0 }, "guestCount", "too_small"],
    ["guestCount max+1", { guestCount: MAX + 1 }, "guestCount", "too_big"],
    ["date between slots", { date: "2026-12-18T19:07" }, "date", "not_a_slot"],
    ["date in the past", { date: "2026-11-30T19:00" }, "date", "not_in_future"],
    ["status", { status: 4 }, "status", "unrecognized_key"],
    ["state", { state: "cancelled" }, "state", "unrecognized_key"],
    ["id", { id: UNKNOWN_ID }, "id", "unrecognized_key"],
    ["createdAt", { createdAt: "2026-12-01T00:00:00Z" }, "createdAt", "unrecognized_key"],
    ["restaurantId: a reservation cannot move restaurant", { restaurantId: bistro.id }, "restaurantId", "unrecognized_key"],
    ["an unknown field foo", { foo: 1 }, "foo", "unrecognized_key"],
  ])("%s", async (_case, changes, field, rule) => {
    const { app, response: created } = await post({});
    const before = await created.json();
    await expectFieldError(await app.call("PATCH", `/api/v1/reservations/${before.id}`, changes), field, rule);
    expect(await (await app.call("GET", `/api/v1/reservations/${before.id}`)).json()).toEqual(before);
  });
});

describe("one 422 names every failing field", () => {
  const fieldsOf = async (response: Response) => {
    expect(response.status).toBe(422);
    return ((await response.json()).errors as Array<{ field: string; rule: string }>).map(({ field, rule }) => [field, rule]).sort();
  };

  test("PATCH with a bad first name, phone and party size names all three", async () => {
    const { app, response: created } = await post({});
    const { id } = await created.json();
    const response = await app.call("PATCH", `/api/v1/reservations/${id}`, { firstName: "Ada2", phone: "123", guestCount: MAX + 1 });
    expect(await fieldsOf(response)).toEqual([
      ["firstName", "invalid_format"],
      ["guestCount", "too_big"],
      ["phone", "invalid_phone"],
    ]);
  });

  test("POST with an unknown restaurant and a bad name names both", async () => {
    const { response } = await post({ restaurantId: UNKNOWN_ID, firstName: "" });
    expect(await fieldsOf(response)).toEqual([
      ["firstName", "too_small"],
      ["restaurantId", "unknown_restaurant"],
    ]);
  });
});

describe("free text refuses control characters", () => {
  test.each([
    ["ESC", "party\u001b[31m"],
    ["BEL", "birthday\u0007"],
    ["NUL", "a\u0000b"],
    ["DEL", "x\u007fy"],
    ["a C1 control", "x\u0085y"],
  ])("an occasion with %s is a 422 on occasion, on POST and on PATCH", async (_name, occasion) => {
    const { app, response } = await post({ occasion });
    await expectFieldError(response, "occasion", "control_character");
    const { id } = await (await app.call("POST", "/api/v1/reservations", booking(bistro.id))).json();
    await expectFieldError(await app.call("PATCH", `/api/v1/reservations/${id}`, { occasion }), "occasion", "control_character");
  });

  test("a status change's reason with ESC is a 422 on reason, and nothing changes", async () => {
    const { app, response } = await post({});
    const { id } = await response.json();
    await expectFieldError(await app.call("PUT", `/api/v1/reservations/${id}/status`, { status: 4, reason: "no\u001b" }), "reason", "control_character");
    expect((await (await app.call("GET", `/api/v1/reservations/${id}`)).json()).state).toBe("upcoming");
  });
});
