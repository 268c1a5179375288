import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { recordingServer, type RecordingServer, type ScriptedAnswer } from "../support/recording-server";
import { providerApp, START } from "./support";

let sms: RecordingServer;
beforeEach(() => {
  setSystemTime(new Date(START));
  sms = recordingServer();
});
afterEach(() => {
  sms.stop();
  setSystemTime();
});

const smsConfig = (url: string, extra = "") => `
notifications: { email: none, sms: textbelt, voice: none }
providers:
  textbelt:
    kind: http
    method: POST
    url: "${url}/send?ref={{reservation.id}}"
    headers: { Authorization: "Bearer \${SMS_TOKEN}" }
    body: { to: "{{to}}", message: "{{text}}", occasion: "{{reservation.occasion}}", key: "{{idempotencyKey}}", party: "{{reservation.guestCount}}" }
    timeoutSeconds: 0.2
${extra}`;
const env = { SMS_TOKEN: "sms-token-0123456789" };

describe("an http provider for SMS", () => {
  test("posts the guest's number in E.164 and the local time, with the token and the idempotency key", async () => {
    const t = await providerApp(smsConfig(sms.url), env);
    const id = await t.book({ receiveTextNotification: true });
    await t.sweep();
    expect(sms.requests).toHaveLength(1);
    const [request] = sms.requests;
    expect(request!.method).toBe("POST");
    expect(request!.path).toBe(`/send?ref=${id}`);
    expect(request!.headers.authorization).toBe("Bearer sms-token-0123456789");
    expect(request!.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({ to: "+14155552671", party: "2", key: `${id}:created:sms` });
    expect(body.message).toMatch(
      /^Hi Ada, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST \(America\/Los_Angeles\), party of 2\. See or change it: http:\/\/localhost:3000\/r\/[\w-]{43}$/,
    );
    expect(request!.headers["idempotency-key"]).toBe(`${id}:created:sms`);
    expect(await t.outbox("sms")).toMatchObject([{ state: "sent", attempts: 1, last_error: null }]);
  });

  // A guest's text cannot carry a newline or another control character: the field rules refuse them.
  test("keeps quotes and backslashes of a guest's text inside their JSON string", async () => {
    const t = await providerApp(smsConfig(sms.url), env);
    await t.book({ receiveTextNotification: true, occasion: 'a "b" \\ c {d}' });
    await t.sweep();
    expect(JSON.parse(sms.requests[0]!.body).occasion).toBe('a "b" \\ c {d}');
  });

  const failures: Array<{ name: string; answer: ScriptedAnswer; state: string; retryInMs?: number; error: RegExp }> = [
    { name: "a 500 is retried after the backoff", answer: { status: 500, body: "oops" }, state: "pending", retryInMs: 30_000, error: /textbelt: HTTP 500: oops/ },
    { name: "a 503 with Retry-After: 120 waits 120 s", answer: { status: 503, headers: { "retry-after": "120" } }, state: "pending", retryInMs: 120_000, error: /HTTP 503/ },
    { name: "a 429 with Retry-After as a date waits until then", answer: { status: 429, headers: { "retry-after": new Date(START + 600_000).toUTCString() } }, state: "pending", retryInMs: 600_000, error: /HTTP 429/ },
    { name: "a 429 asking for less than the backoff waits the backoff", answer: { status: 429, headers: { "retry-after": "5" } }, state: "pending", retryInMs: 30_000, error: /HTTP 429/ },
    { name: "a 400 is permanent: dead at once", answer: { status: 400, body: '{"error":"bad number"}' }, state: "dead", error: /HTTP 400: \{"error":"bad number"\}/ },
    { name: "a 404 is permanent: dead at once", answer: { status: 404 }, state: "dead", error: /HTTP 404/ },
    { name: "no answer within the timeout is retried", answer: { hang: true }, state: "pending", retryInMs: 30_000, error: /textbelt: no answer within 200 ms/ },
  ];
  for (const { name, answer, state, retryInMs, error } of failures) {
    test(name, async () => {
      const t = await providerApp(smsConfig(sms.url), env);
      await t.book({ receiveTextNotification: true });
      sms.answer(answer);
      await t.sweep();
      const [entry] = await t.outbox("sms");
      expect(entry).toMatchObject({ state, attempts: 1 });
      expect(entry!.last_error).toMatch(error);
      if (retryInMs !== undefined) expect(entry!.next_attempt_at).toBe(START + retryInMs);
    });
  }

  const jitter = [
    { random: 0, retryInMs: 15_000 },
    { random: 0.5, retryInMs: 22_500 },
    { random: 0.999, retryInMs: 29_985 },
  ];
  for (const { random, retryInMs } of jitter) {
    test(`the backoff is jittered between half and all of it: random ${random} waits ${retryInMs} ms of 30 s`, async () => {
      const t = await providerApp(smsConfig(sms.url), env, () => random);
      await t.book({ receiveTextNotification: true });
      sms.answer({ status: 500 });
      await t.sweep();
      expect((await t.outbox("sms"))[0]!.next_attempt_at).toBe(START + retryInMs);
    });
  }

  test("a network error is retried", async () => {
    const gone = recordingServer();
    gone.stop();
    const t = await providerApp(smsConfig(gone.url), env);
    await t.book({ receiveTextNotification: true });
    await t.sweep();
    expect(await t.outbox("sms")).toMatchObject([{ state: "pending", attempts: 1, last_error: "textbelt: network error", next_attempt_at: START + 30_000 }]);
  });

  test("retries with doubling backoff, then is dead after the last attempt, keeping its last error, and the same key every time", async () => {
    const t = await providerApp(smsConfig(sms.url), { ...env, NOTIFICATION_MAX_ATTEMPTS: "3" });
    await t.book({ receiveTextNotification: true });
    sms.answer({ status: 500, body: "one" }, { status: 502, body: "two" }, { status: 503, body: "three" });
    const steps = [
      { at: START, expected: { state: "pending", attempts: 1, next_attempt_at: START + 30_000 } },
      { at: START + 30_000, expected: { state: "pending", attempts: 2, next_attempt_at: START + 30_000 + 60_000 } },
      { at: START + 90_000, expected: { state: "dead", attempts: 3, last_error: "textbelt: HTTP 503: three" } },
    ];
    for (const { at, expected } of steps) {
      setSystemTime(new Date(at));
      await t.sweep();
      expect((await t.outbox("sms"))[0]).toMatchObject(expected);
    }
    expect(new Set(sms.requests.map((request) => request.headers["idempotency-key"])).size).toBe(1);
  });
});

describe("dead letters", () => {
  test("a dead entry queued again through the API is sent by the next sweep, with the same key", async () => {
    const t = await providerApp(smsConfig(sms.url), { ...env, NOTIFICATION_MAX_ATTEMPTS: "1" });
    await t.book({ receiveTextNotification: true });
    sms.answer({ status: 503 });
    await t.sweep();
    const dead = await (await t.call("GET", "/api/v1/notifications?state=dead")).json();
    expect(dead.data).toEqual([expect.objectContaining({ channel: "sms", state: "dead", attempts: 1, lastError: "textbelt: HTTP 503: {}" })]);
    const retried = await t.call("POST", `/api/v1/notifications/${dead.data[0].id}/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ state: "pending", attempts: 0 });
    await t.sweep();
    expect(await t.outbox("sms")).toMatchObject([{ state: "sent", attempts: 1, last_error: null }]);
    expect(sms.requests.map((request) => request.headers["idempotency-key"])).toEqual([sms.requests[0]!.headers["idempotency-key"]!, sms.requests[0]!.headers["idempotency-key"]!]);
  });
});

describe("state per channel", () => {
  test("a failing SMS is retried without sending the email again", async () => {
    const mail = recordingServer();
    try {
      const config = `
notifications: { email: mailapi, sms: textbelt, voice: none }
providers:
  mailapi: { kind: http, url: "${mail.url}/mail", body: { to: "{{to}}", subject: "{{subject}}", text: "{{text}}" } }
  textbelt: { kind: http, url: "${sms.url}/sms", body: { to: "{{to}}", text: "{{text}}" } }
`;
      const t = await providerApp(config);
      await t.book({ email: "ada@example.com", receiveTextNotification: true });
      sms.answer({ status: 500 });
      await t.sweep();
      expect((await t.outbox()).map(({ channel, state, attempts }) => ({ channel, state, attempts }))).toEqual([
        { channel: "email", state: "sent", attempts: 1 },
        { channel: "sms", state: "pending", attempts: 1 },
      ]);
      setSystemTime(new Date(START + 30_000));
      await t.sweep();
      expect(await t.outbox("sms")).toMatchObject([{ state: "sent", attempts: 2 }]);
      expect(mail.requests).toHaveLength(1);
      expect(sms.requests).toHaveLength(2);
      expect(JSON.parse(mail.requests[0]!.body)).toMatchObject({ to: "ada@example.com", subject: "Booked: Test Bistro" });
    } finally {
      mail.stop();
    }
  });
});

describe("consent, read at send time", () => {
  test("a guest who turned text messages off since booking gets no SMS", async () => {
    const t = await providerApp(smsConfig(sms.url), env);
    const id = await t.book({ receiveTextNotification: true });
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { receiveTextNotification: false })).status).toBe(200);
    await t.sweep();
    expect(sms.requests).toHaveLength(0);
    expect(await t.outbox("sms")).toMatchObject([{ state: "skipped" }]);
  });

  test("a guest who never agreed to text messages gets none", async () => {
    const t = await providerApp(smsConfig(sms.url), env);
    await t.book({ receiveTextNotification: false });
    await t.sweep();
    expect(sms.requests).toHaveLength(0);
  });
});
