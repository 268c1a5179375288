import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { booking, buildTestApp, onPostgres, restaurant, type TestApp } from "../support/app";
import { recordingSenders } from "../support/recording-sender";

const bistro = restaurant();
// 2026-12-18 19:00 in Los Angeles.
const SEATING = Date.parse("2026-12-19T03:00:00Z");
const MINUTE = 60_000;

let t: TestApp;
let recorder: ReturnType<typeof recordingSenders>;

const at = (ms: number) => setSystemTime(new Date(ms));
// No jitter here (random() = 1 gives the full backoff): test/jobs/delivery.test.ts covers the jitter.
const sweep = () =>
  runSweep({ ...t.storage, settings: t.settings, senders: recorder.senders, logger: createLogger("silent"), now: Date.now, random: () => 1 });
const stored = async (id: string) => (await t.storage.repo.getReservation(id))!;
const logOf = async (id: string) => (await t.storage.repo.statusLog(id, 1000)).items;
/** The outbox entries, in id order, that match. */
const outbox = async (match: Partial<Record<"reservationId" | "kind" | "channel", string>>) =>
  (await t.storage.jobs.listNotifications({ limit: 10_000 })).items.filter((entry) =>
    Object.entries(match).every(([field, value]) => entry[field as keyof typeof match] === value),
  );
/** The lead time, in minutes, of each reminder sent so far on `channel` for the reservation. */
const remindersSent = (id: string, channel = "voice") =>
  recorder.sent
    .filter((message) => message.kind === "reminder" && message.reservationId === id && message.channel === channel)
    .map((message) => (message.snapshot as { minutesBefore?: number }).minutesBefore);

async function book(overrides: Record<string, unknown> = {}) {
  const response = await t.call("POST", "/api/v1/reservations", booking(bistro.id, overrides));
  expect(response.status).toBe(201);
  return (await response.json()).id as string;
}

beforeEach(async () => {
  at(Date.parse("2026-12-01T12:00:00Z"));
  t = await buildTestApp({ restaurants: [bistro], env: { STATUS_CHANGE_LIMIT: "100" } });
  recorder = recordingSenders();
});
afterEach(() => setSystemTime());

describe("automatic transitions", () => {
  test("writes down a no-show at its threshold, with one log entry and one notification per channel", async () => {
    const id = await book();
    at(SEATING + 15 * MINUTE + 5 * MINUTE);
    const result = await sweep();
    expect(result.missed).toBe(1);
    expect(await stored(id)).toMatchObject({ status: 3, statusChangedAt: SEATING + 15 * MINUTE });
    expect((await logOf(id)).at(-1)).toMatchObject({ fromStatus: 0, toStatus: 3, at: SEATING + 15 * MINUTE, actor: { kind: "system" } });
    expect((await outbox({ reservationId: id, kind: "status_changed" })).map((entry) => entry.channel).sort()).toEqual(["email", "sms", "voice"]);
  });

  test("checks a seated guest out at the auto-checkout threshold, not before", async () => {
    const id = await book();
    at(SEATING);
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 })).status).toBe(200);
    at(SEATING + 240 * MINUTE - 1);
    expect((await sweep()).checkedOut).toBe(0);
    at(SEATING + 240 * MINUTE);
    expect((await sweep()).checkedOut).toBe(1);
    expect((await stored(id)).status).toBe(2);
  });

  test("a change the API already recorded is not logged or queued again by the sweep", async () => {
    const id = await book();
    at(SEATING + 30 * MINUTE);
    // Late arrival: the API writes down the automatic no-show first, then the check-in.
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 })).status).toBe(200);
    await sweep();
    expect((await logOf(id)).filter((entry) => entry.toStatus === 3)).toHaveLength(1);
    expect(await outbox({ reservationId: id, kind: "status_changed", channel: "voice" })).toHaveLength(2);
  });

  test("two sweeps at once write each event exactly once", async () => {
    const ids = [await book(), await book({ date: "2026-12-18T19:15" }), await book({ date: "2026-12-18T19:30" })];
    at(SEATING + 2 * 60 * MINUTE);
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first.missed + second.missed).toBe(3);
    for (const id of ids) {
      expect((await logOf(id)).filter((entry) => entry.toStatus === 3)).toHaveLength(1);
      expect(await outbox({ reservationId: id, kind: "status_changed" })).toHaveLength(3);
    }
    const notified = recorder.sent.filter((message) => message.kind === "status_changed");
    expect(notified.map((message) => `${message.reservationId}:${message.channel}`).sort()).toEqual(ids.map((id) => `${id}:voice`).sort());
  });

  // SQLite-only: the fault is a SQLite trigger. That a refused write leaves nothing behind is the
  // conformance suite's, on every backend (test/db/conformance/capacity.ts).
  test.skipIf(onPostgres)("a sweep that fails half way leaves nothing half-written, and the next one does it all", async () => {
    const id = await book();
    at(SEATING + 20 * MINUTE);
    // The log and outbox inserts run, then the status update fails inside the same transaction.
    t.db.$client.run("create trigger fail_sweep before update of status on reservations begin select raise(abort, 'disk on fire'); end");
    await expect(sweep()).rejects.toThrow("disk on fire");
    expect((await logOf(id)).filter((entry) => entry.toStatus === 3)).toHaveLength(0);
    expect(await outbox({ kind: "status_changed" })).toHaveLength(0);
    expect((await stored(id)).status).toBe(0);

    t.db.$client.run("drop trigger fail_sweep");
    expect((await sweep()).missed).toBe(1);
    expect((await logOf(id)).filter((entry) => entry.toStatus === 3)).toHaveLength(1);
  });
});

describe("reminders", () => {
  const cases = [
    { name: "a day ahead, the 24 h reminder", clock: SEATING - 24 * 60 * MINUTE, expected: [1440] },
    { name: "a minute before the 24 h mark, nothing", clock: SEATING - 24 * 60 * MINUTE - MINUTE, expected: [] },
    { name: "two hours ahead, the 2 h reminder", clock: SEATING - 120 * MINUTE, expected: [120] },
    { name: "at the seating time, nothing", clock: SEATING, expected: [] },
  ];
  for (const { name, clock, expected } of cases) {
    test(`queues and sends ${name}`, async () => {
      const id = await book();
      at(clock);
      await sweep();
      expect(remindersSent(id)).toEqual(expected);
    });
  }

  test("sends each reminder once however often the sweep runs", async () => {
    await book({ email: "ada@example.com" });
    at(SEATING - 23 * 60 * MINUTE);
    await sweep();
    await sweep();
    at(SEATING - 119 * MINUTE);
    await sweep();
    await sweep();
    const reminders = recorder.sent.filter((message) => message.kind === "reminder");
    expect(reminders.map((message) => message.channel).sort()).toEqual(["email", "email", "voice", "voice"]);
  });

  test("a booking made three hours ahead gets only the two-hour reminder", async () => {
    at(SEATING - 3 * 60 * MINUTE);
    const id = await book();
    at(SEATING - 110 * MINUTE);
    await sweep();
    expect(remindersSent(id)).toEqual([120]);
  });
});

describe("delivery", () => {
  test("uses only the channels the guest agreed to", async () => {
    await book({ email: "ada@example.com", receiveEmailUpdates: true, receivePhoneCall: false, receiveTextNotification: true });
    await sweep();
    const created = recorder.sent.filter((message) => message.kind === "reservation_created");
    expect(created.map(({ channel, to }) => ({ channel, to })).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: "email", to: "ada@example.com" },
      { channel: "sms", to: "+14155552671" },
    ]);
    expect(created[0]!.text).toContain("Test Bistro");
    expect(created[0]!.text).toContain("7:00");
  });

  test("marks a message for a guest who wants none as skipped", async () => {
    await book({ receiveEmailUpdates: false, receivePhoneCall: false, receiveTextNotification: false });
    await sweep();
    expect(recorder.sent).toHaveLength(0);
    expect((await outbox({})).map(({ channel, state }) => ({ channel, state })).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: "email", state: "skipped" },
      { channel: "sms", state: "skipped" },
      { channel: "voice", state: "skipped" },
    ]);
  });

  test("retries with backoff and gives up after the configured attempts", async () => {
    t = await buildTestApp({ restaurants: [bistro], env: { NOTIFICATION_MAX_ATTEMPTS: "3", NOTIFICATION_RETRY_BASE_SECONDS: "10" } });
    await book();
    recorder.state.failing = true;
    const voice = async () => {
      const [entry] = await outbox({ channel: "voice" });
      return { state: entry?.state, attempts: entry?.attempts, nextAttemptAt: entry?.nextAttemptAt };
    };
    const start = Date.now();
    await sweep();
    expect(await voice()).toEqual({ state: "pending", attempts: 1, nextAttemptAt: start + 10_000 });
    await sweep(); // not due yet
    expect((await voice()).attempts).toBe(1);
    at(start + 10_000);
    await sweep();
    expect(await voice()).toEqual({ state: "pending", attempts: 2, nextAttemptAt: start + 10_000 + 20_000 });
    at(start + 30_000);
    await sweep();
    expect(await voice()).toMatchObject({ state: "dead", attempts: 3 });
    expect(recorder.sent).toHaveLength(0);
  });

  test("takes back a message whose sender died mid-send once its lease runs out", async () => {
    await book();
    // A sender takes them all, then dies before marking any.
    expect(await t.storage.jobs.claimNotifications(Date.now(), 100, 300_000)).toHaveLength(3);
    await sweep();
    expect(recorder.sent).toHaveLength(0);
    at(Date.now() + 300_000);
    await sweep();
    expect(recorder.sent.map((message) => message.kind)).toEqual(["reservation_created"]);
    expect((await outbox({ channel: "voice" })).map(({ state, attempts }) => ({ state, attempts }))).toEqual([{ state: "sent", attempts: 2 }]);
  });
});

describe("changes to a booking", () => {
  test("a new time or party size tells the guest, with the new details; a corrected name does not", async () => {
    const id = await book({ email: "ada@example.com", receivePhoneCall: false });
    await sweep();
    recorder.sent.length = 0;
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { lastName: "Byron" })).status).toBe(200);
    await sweep();
    expect(recorder.sent).toHaveLength(0);
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { date: "2026-12-18T20:30", guestCount: 4 })).status).toBe(200);
    await sweep();
    expect(recorder.sent.map(({ kind, channel }) => ({ kind, channel }))).toEqual([{ kind: "reservation_changed", channel: "email" }]);
    expect(recorder.sent[0]!.text).toContain("8:30");
    expect(recorder.sent[0]!.text).toContain("party of 4");
  });
});

describe("housekeeping", () => {
  test("forgets finished notifications after the retention, and keeps those still waiting", async () => {
    await book();
    await sweep();
    recorder.state.failing = true;
    await book({ date: "2026-12-18T19:15" });
    await sweep();
    const states = async () => (await outbox({ kind: "reservation_created", channel: "voice" })).map((entry) => entry.state);
    expect(await states()).toEqual(["sent", "pending"]);
    at(Date.now() + 30 * 86_400_000 - 1);
    await sweep();
    expect(await states()).toHaveLength(2);
    // Past the next retry's backoff too.
    at(Date.now() + 120_000);
    recorder.state.failing = false;
    await sweep();
    // The first went long ago; the second was retried, sent just now, and is kept for its own 30 days.
    expect(await states()).toEqual(["sent"]);
  });
});
