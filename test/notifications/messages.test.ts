import { afterEach, describe, expect, setSystemTime, test } from "bun:test";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { renderMessage } from "../../src/notifications/messages";
import { messageSnapshot } from "../../src/notifications/snapshot";
import { booking, buildTestApp, onPostgres, restaurant, type TestApp } from "../support/app";
import { recordingSenders } from "../support/recording-sender";

afterEach(() => setSystemTime());

const at = (iso: string) => setSystemTime(new Date(iso));
/** The states of the email reminders in the outbox, in id order. */
async function reminderStates(t: TestApp): Promise<string[]> {
  const { items } = await t.storage.jobs.listNotifications({ limit: 1000 });
  return items.filter((entry) => entry.kind === "reminder" && entry.channel === "email").map((entry) => entry.state);
}

/** A confirmation ends with the guest's private link. */
const LINK = "See or change it: http://localhost:3000/r/<token>";

async function setUp(place = restaurant()) {
  const t = await buildTestApp({ restaurants: [place] });
  const recorder = recordingSenders();
  const sweep = () => runSweep({ ...t.storage, settings: t.settings, senders: recorder.senders, logger: createLogger("silent"), now: Date.now, random: () => 1 });
  const book = async (overrides: Record<string, unknown> = {}) => {
    const response = await t.call("POST", "/api/v1/reservations", booking(place.id, { email: "ada@example.com", receivePhoneCall: false, ...overrides }));
    expect(response.status).toBe(201);
    return (await response.json()).id as string;
  };
  // The private link's token is random: shown as <token>, so that a text is compared whole.
  const texts = (kind?: string) =>
    recorder.sent.filter((message) => !kind || message.kind === kind).map((message) => message.text.replace(/\/r\/[\w-]{43}$/, "/r/<token>"));
  return { t, recorder, sweep, book, texts };
}

describe("every time a message mentions is the restaurant's, naming its zone", () => {
  const cases = [
    { zone: "America/Los_Angeles", clock: "2026-12-01T12:00:00Z", date: "2026-12-18T19:00", expected: "Friday, December 18, 7:00 PM PST (America/Los_Angeles)" },
    { zone: "Europe/Berlin", clock: "2026-12-01T12:00:00Z", date: "2026-12-18T19:00", expected: "Friday, December 18, 7:00 PM GMT+1 (Europe/Berlin)" },
    // Booked in winter time for the day the clocks go forward: the message has the summer offset.
    { zone: "America/Los_Angeles", clock: "2027-03-01T12:00:00Z", date: "2027-03-14T19:00", expected: "Sunday, March 14, 7:00 PM PDT (America/Los_Angeles)" },
    { zone: "Europe/Berlin", clock: "2027-03-01T12:00:00Z", date: "2027-03-28T19:00", expected: "Sunday, March 28, 7:00 PM GMT+2 (Europe/Berlin)" },
  ];
  for (const { zone, clock, date, expected } of cases) {
    test(`${zone}, booked at ${clock} for ${date}: "${expected}"`, async () => {
      at(clock);
      const { sweep, book, texts } = await setUp(restaurant({ timeZone: zone }));
      await book({ date });
      await sweep();
      expect(texts("reservation_created")).toEqual([`Hi Ada, your table is booked: Test Bistro, ${expected}, party of 2. ${LINK}`]);
    });
  }
});

describe("a message says what happened when it happened", () => {
  test("booked for 4 and changed to 5 before the sweep: the booking says 4, the change says 5 and what it was", async () => {
    at("2026-12-01T12:00:00Z");
    const { t, sweep, book, texts } = await setUp();
    const id = await book({ guestCount: 4 });
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { guestCount: 5 })).status).toBe(200);
    await sweep();
    expect(texts()).toEqual([
      `Hi Ada, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 4. ${LINK}`,
      "Hi Ada, your reservation now reads: Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 5. (was: Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 4)",
    ]);
  });

  test("booked and cancelled before the sweep: the booking, then the cancellation, in lower case mid-sentence", async () => {
    at("2026-12-01T12:00:00Z");
    const { t, sweep, book, texts } = await setUp();
    const id = await book();
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { state: "cancelled" })).status).toBe(200);
    await sweep();
    expect(texts()).toEqual([
      `Hi Ada, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 2. ${LINK}`,
      "Hi Ada, your reservation has been cancelled. (Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 2)",
    ]);
  });

  test("a reminder queued for a reservation cancelled before it went out is not sent", async () => {
    at("2026-12-01T12:00:00Z");
    const { t, recorder, sweep, book } = await setUp();
    const id = await book();
    at("2026-12-18T03:30:00Z"); // 23.5 hours before
    recorder.state.failing = true;
    await sweep();
    expect(await reminderStates(t)).toEqual(["pending"]);
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { state: "cancelled" })).status).toBe(200);
    recorder.state.failing = false;
    at("2026-12-18T04:30:00Z");
    await sweep();
    expect(recorder.sent.filter((message) => message.kind === "reminder")).toEqual([]);
    expect(await reminderStates(t)).toEqual(["skipped"]);
  });

  test("the scheduler's no-show carries the same snapshot as the API would", async () => {
    at("2026-12-01T12:00:00Z");
    const place = restaurant({ externalId: "test-bistro-sf" });
    const { t, recorder, sweep, book } = await setUp(place);
    const id = await book({ occasion: "birthday" });
    at("2026-12-19T03:20:00Z");
    await sweep();
    const row = (await t.storage.repo.getReservation(id))!;
    const sent = recorder.sent.filter((message) => message.kind === "status_changed" && message.channel === "email");
    const missedAt = Date.parse("2026-12-19T03:15:00Z");
    expect(sent.map((message): unknown => message.snapshot)).toEqual([{ ...messageSnapshot({ ...row, status: 0 }, place, 3), from: "upcoming", to: "missed", at: missedAt }]);
  });
});

// SQLite-only: entries without a snapshot exist only in SQLite files from before migration 0003,
// and this makes one with SQL.
test.skipIf(onPostgres)("an entry queued before snapshots were stored (payload {}) is rendered from the reservation as it is now", async () => {
  at("2026-12-01T12:00:00Z");
  const { t, sweep, book, texts } = await setUp();
  const id = await book({ guestCount: 3 });
  t.db.$client.query("update outbox set payload = '{}' where reservation_id = ? and channel = 'email'").run(id);
  await sweep();
  expect(texts()).toEqual([`Hi Ada, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles), party of 3.`]);
});

test("a booking's message carries the link to the guest's page when the event has one", () => {
  const row = { id: "r1", restaurantId: "x", firstName: "Ada", lastName: "L", guestCount: 2, startsAt: Date.parse("2026-12-19T03:00:00Z"), status: 0, occasion: null };
  const snapshot = messageSnapshot(row as never, restaurant());
  const { text } = renderMessage("reservation_created", { ...snapshot, link: "https://book.example.com/r/abc" });
  expect(text).toEndWith("party of 2. See or change it: https://book.example.com/r/abc");
});
