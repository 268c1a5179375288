import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { booking, buildTestApp, restaurant, type TestApp } from "../support/app";
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
const rows = <T>(sql: string, ...params: Array<string | number>) => t.db.$client.query(sql).all(...params) as T[];

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
    expect(rows<{ status: number; status_changed_at: number }>("select status, status_changed_at from reservations where id = ?", id)).toEqual([
      { status: 3, status_changed_at: SEATING + 15 * MINUTE },
    ]);
    const log = rows<{ from_status: number; to_status: number; at: number; actor: string }>(
      "select from_status, to_status, at, actor from status_log where reservation_id = ? order by id",
      id,
    );
    expect(log.at(-1)).toEqual({ from_status: 0, to_status: 3, at: SEATING + 15 * MINUTE, actor: "system" });
    expect(rows("select channel from outbox where reservation_id = ? and kind = 'status_changed' order by channel", id)).toEqual([
      { channel: "email" },
      { channel: "sms" },
      { channel: "voice" },
    ]);
  });

  test("checks a seated guest out at the auto-checkout threshold, not before", async () => {
    const id = await book();
    at(SEATING);
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 })).status).toBe(200);
    at(SEATING + 240 * MINUTE - 1);
    expect((await sweep()).checkedOut).toBe(0);
    at(SEATING + 240 * MINUTE);
    expect((await sweep()).checkedOut).toBe(1);
    expect(rows<{ status: number }>("select status from reservations where id = ?", id)).toEqual([{ status: 2 }]);
  });

  test("a change the API already recorded is not logged or queued again by the sweep", async () => {
    const id = await book();
    at(SEATING + 30 * MINUTE);
    // Late arrival: the API writes down the automatic no-show first, then the check-in.
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { status: 1 })).status).toBe(200);
    await sweep();
    expect(rows("select 1 from status_log where reservation_id = ? and to_status = 3", id)).toHaveLength(1);
    expect(rows("select 1 from outbox where reservation_id = ? and kind = 'status_changed' and channel = 'voice'", id)).toHaveLength(2);
  });

  test("two sweeps at once write each event exactly once", async () => {
    const ids = [await book(), await book({ date: "2026-12-18T19:15" }), await book({ date: "2026-12-18T19:30" })];
    at(SEATING + 2 * 60 * MINUTE);
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first.missed + second.missed).toBe(3);
    for (const id of ids) {
      expect(rows("select 1 from status_log where reservation_id = ? and to_status = 3", id)).toHaveLength(1);
      expect(rows("select 1 from outbox where reservation_id = ? and kind = 'status_changed'", id)).toHaveLength(3);
    }
    const notified = recorder.sent.filter((message) => message.kind === "status_changed");
    expect(notified.map((message) => `${message.reservationId}:${message.channel}`).sort()).toEqual(ids.map((id) => `${id}:voice`).sort());
  });

  test("a sweep that fails half way leaves nothing half-written, and the next one does it all", async () => {
    const id = await book();
    at(SEATING + 20 * MINUTE);
    // The log and outbox inserts run, then the status update fails inside the same transaction.
    t.db.$client.run("create trigger fail_sweep before update of status on reservations begin select raise(abort, 'disk on fire'); end");
    await expect(sweep()).rejects.toThrow("disk on fire");
    expect(rows("select 1 from status_log where reservation_id = ? and to_status = 3", id)).toHaveLength(0);
    expect(rows("select 1 from outbox where kind = 'status_changed'")).toHaveLength(0);
    expect(rows<{ status: number }>("select status from reservations where id = ?", id)).toEqual([{ status: 0 }]);

    t.db.$client.run("drop trigger fail_sweep");
    expect((await sweep()).missed).toBe(1);
    expect(rows("select 1 from status_log where reservation_id = ? and to_status = 3", id)).toHaveLength(1);
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
    test(`queues ${name}`, async () => {
      const id = await book();
      at(clock);
      await sweep();
      const queued = rows<{ payload: string }>("select payload from outbox where reservation_id = ? and kind = 'reminder' and channel = 'email'", id);
      expect(queued.map((row) => JSON.parse(row.payload).minutesBefore)).toEqual(expected);
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
    const queued = rows<{ payload: string }>("select payload from outbox where reservation_id = ? and kind = 'reminder' and channel = 'email'", id);
    expect(queued.map((row) => JSON.parse(row.payload).minutesBefore)).toEqual([120]);
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
    expect(rows<{ channel: string; state: string }>("select channel, state from outbox order by channel")).toEqual([
      { channel: "email", state: "skipped" },
      { channel: "sms", state: "skipped" },
      { channel: "voice", state: "skipped" },
    ]);
  });

  test("retries with backoff and gives up after the configured attempts", async () => {
    t = await buildTestApp({ restaurants: [bistro], env: { NOTIFICATION_MAX_ATTEMPTS: "3", NOTIFICATION_RETRY_BASE_SECONDS: "10" } });
    await book();
    recorder.state.failing = true;
    const outbox = () =>
      rows<{ state: string; attempts: number; next_attempt_at: number }>("select state, attempts, next_attempt_at from outbox where channel = 'voice'")[0]!;
    const start = Date.now();
    await sweep();
    expect(outbox()).toEqual({ state: "pending", attempts: 1, next_attempt_at: start + 10_000 });
    await sweep(); // not due yet
    expect(outbox().attempts).toBe(1);
    at(start + 10_000);
    await sweep();
    expect(outbox()).toEqual({ state: "pending", attempts: 2, next_attempt_at: start + 10_000 + 20_000 });
    at(start + 30_000);
    await sweep();
    expect(outbox()).toMatchObject({ state: "dead", attempts: 3 });
    expect(recorder.sent).toHaveLength(0);
  });

  test("takes back a message whose sender died mid-send once its lease runs out", async () => {
    await book();
    t.db.$client.run("update outbox set state = 'sending', attempts = 1, updated_at = ?", [Date.now()]);
    await sweep();
    expect(recorder.sent).toHaveLength(0);
    at(Date.now() + 300_000);
    await sweep();
    expect(recorder.sent.map((message) => message.kind)).toEqual(["reservation_created"]);
    expect(rows<{ state: string; attempts: number }>("select state, attempts from outbox where channel = 'voice'")).toEqual([{ state: "sent", attempts: 2 }]);
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
    const states = () =>
      rows<{ state: string }>("select state from outbox where kind = 'reservation_created' and channel = 'voice' order by id").map((row) => row.state);
    expect(states()).toEqual(["sent", "pending"]);
    at(Date.now() + 30 * 86_400_000 - 1);
    await sweep();
    expect(states()).toHaveLength(2);
    // Past the next retry's backoff too.
    at(Date.now() + 120_000);
    recorder.state.failing = false;
    await sweep();
    // The first went long ago; the second was retried, sent just now, and is kept for its own 30 days.
    expect(states()).toEqual(["sent"]);
  });
});
