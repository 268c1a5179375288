import { afterEach, beforeEach, describe, expect, setSystemTime, test } from "bun:test";
import { Webhook } from "standardwebhooks";
import { smtpTestServer } from "../support/smtp-server";
import { recordingServer, type RecordingServer } from "../support/recording-server";
import { providerApp, START } from "./support";

let api: RecordingServer;
beforeEach(() => {
  setSystemTime(new Date(START));
  api = recordingServer();
});
afterEach(() => {
  api.stop();
  setSystemTime();
});

describe("twilio", () => {
  const config = (url: string) => `
notifications: { email: none, sms: twilio, voice: twilio }
providers:
  twilio: { kind: twilio, baseUrl: "${url}", accountSid: AC0123, authToken: "\${TWILIO_TOKEN}", from: "+15005550006" }
`;

  test("sends SMS to Messages.json and voice to Calls.json: form encoded, basic auth, the same key on each", async () => {
    const t = await providerApp(config(api.url), { TWILIO_TOKEN: "twilio-token-abcdef" });
    const id = await t.book({ receiveTextNotification: true, receivePhoneCall: true, firstName: "Zoë" });
    await t.sweep();
    const byPath = Object.fromEntries(api.requests.map((request) => [request.path, request]));
    const messages = byPath["/2010-04-01/Accounts/AC0123/Messages.json"]!;
    const calls = byPath["/2010-04-01/Accounts/AC0123/Calls.json"]!;
    for (const request of [messages, calls]) {
      expect(request.method).toBe("POST");
      expect(request.headers.authorization).toBe(`Basic ${btoa("AC0123:twilio-token-abcdef")}`);
      expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    }
    const sms = new URLSearchParams(messages.body);
    expect({ To: sms.get("To"), From: sms.get("From") }).toEqual({ To: "+14155552671", From: "+15005550006" });
    expect(sms.get("Body")).toContain("Hi Zoë, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST (America/Los_Angeles)");
    expect(messages.headers["i-twilio-idempotency-token"]).toBe(`${id}:created:sms`);
    const call = new URLSearchParams(calls.body);
    expect(call.get("Twiml")).toStartWith("<Response><Say>Hi Zoë, your table is booked");
    expect(calls.headers["idempotency-key"]).toBe(`${id}:created:voice`);
  });
});

describe("smtp", () => {
  test("sends through nodemailer to a real SMTP server, with the URL's credentials and a Message-ID from the idempotency key", async () => {
    const smtp = await smtpTestServer();
    try {
      const config = `
notifications: { email: mail, sms: none, voice: none }
providers:
  mail: { kind: smtp, url: "smtp://bookings:\${SMTP_PASSWORD}@127.0.0.1:${smtp.port}", from: "Tablekeeper <bookings@example.com>" }
`;
      const t = await providerApp(config, { SMTP_PASSWORD: "smtp-password-123456" });
      const id = await t.book({ email: "ada@example.com" });
      await t.sweep();
      expect(smtp.logins).toEqual([{ username: "bookings", password: "smtp-password-123456" }]);
      expect(smtp.received).toHaveLength(1);
      const { mail, envelopeTo } = smtp.received[0]!;
      expect(envelopeTo).toEqual(["ada@example.com"]);
      expect(mail.from?.text).toBe('"Tablekeeper" <bookings@example.com>');
      expect(mail.subject).toBe("Booked: Test Bistro");
      expect(mail.text?.trim()).toMatch(/^Hi Ada, your table is booked: Test Bistro, Friday, December 18, 7:00 PM PST \(America\/Los_Angeles\), party of 2\. See or change it: http:\/\/localhost:3000\/r\/[\w-]{43}$/);
      expect(mail.messageId).toBe(`<${id}:created:email@example.com>`);
      expect(await t.outbox("email")).toMatchObject([{ state: "sent" }]);
    } finally {
      await smtp.stop();
    }
  });

  test("a mailbox the server refuses with 550 is dead at once; a 451 is retried", async () => {
    const smtp = await smtpTestServer();
    try {
      const config = `
notifications: { email: mail, sms: none, voice: none }
providers:
  mail: { kind: smtp, url: "smtp://bookings:pw@127.0.0.1:${smtp.port}", from: "bookings@example.com" }
`;
      const t = await providerApp(config);
      smtp.state.rejectWith = 451;
      await t.book({ email: "ada@example.com" });
      await t.sweep();
      expect(await t.outbox("email")).toMatchObject([{ state: "pending", attempts: 1 }]);
      expect((await t.outbox("email"))[0]!.last_error).toMatch(/^mail: SMTP 451/);
      smtp.state.rejectWith = 550;
      await t.book({ email: "ada@example.com", date: "2026-12-18T19:15" });
      await t.sweep();
      expect((await t.outbox("email"))[1]).toMatchObject({ state: "dead", attempts: 1 });
    } finally {
      await smtp.stop();
    }
  });
});

describe("webhooks", () => {
  const secret = `whsec_${btoa("a webhook secret of 32 bytes!!!!")}`;
  const config = (url: string) => `
notifications: { email: none, sms: none, voice: none }
webhooks: [pos, crm]
providers:
  pos: { kind: webhook, url: "${url}/pos", secret: "\${POS_SECRET}", events: [reservation.created, reservation.status_changed] }
  crm: { kind: webhook, url: "${url}/crm", secret: "\${POS_SECRET}", events: [reservation.changed] }
`;

  test("sends each subscriber the events it asked for, signed as Standard Webhooks, as a receiver verifies them", async () => {
    const t = await providerApp(config(api.url), { POS_SECRET: secret });
    const id = await t.book({ guestCount: 4 });
    expect((await t.call("PUT", `/api/v1/reservations/${id}/status`, { state: "cancelled" })).status).toBe(200);
    await t.sweep();
    expect(api.requests.map((request) => request.path)).toEqual(["/pos", "/pos"]);
    const receiver = new Webhook(secret);
    const events = api.requests.map((request) => receiver.verify(request.body, request.headers) as Record<string, any>);
    expect(events[0]).toEqual({
      type: "reservation.created",
      timestamp: new Date(START).toISOString(),
      data: {
        reservation: {
          id,
          restaurantId: expect.any(String),
          firstName: "Ada",
          lastName: "Lovelace",
          date: "2026-12-18T19:00:00-08:00",
          timeZone: "America/Los_Angeles",
          guestCount: 4,
          status: 0,
          state: "upcoming",
          occasion: null,
        },
      },
    });
    expect(events[1]).toMatchObject({
      type: "reservation.status_changed",
      data: { reservation: { id, state: "cancelled" }, change: { from: "upcoming", to: "cancelled", at: new Date(START).toISOString() } },
    });
    expect(api.requests[0]!.headers["webhook-id"]).toBe(`${id}:created:webhook:pos`);
    expect((await t.outbox("webhook")).map(({ subscriber, state }) => ({ subscriber, state }))).toEqual([
      { subscriber: "pos", state: "sent" },
      { subscriber: "pos", state: "sent" },
    ]);
  });

  test("a tampered body fails verification", async () => {
    const t = await providerApp(config(api.url), { POS_SECRET: secret });
    await t.book();
    await t.sweep();
    const [request] = api.requests;
    expect(() => new Webhook(secret).verify(request!.body.replace("Ada", "Eve"), request!.headers)).toThrow();
  });

  test("a subscriber answering 500 is retried with the same webhook-id, and its own state", async () => {
    const t = await providerApp(config(api.url), { POS_SECRET: secret });
    const id = await t.book();
    api.answer({ status: 500 });
    await t.sweep();
    expect(await t.outbox("webhook")).toMatchObject([{ subscriber: "pos", state: "pending", attempts: 1 }]);
    setSystemTime(new Date(START + 30_000));
    await t.sweep();
    expect(api.requests.map((request) => request.headers["webhook-id"])).toEqual([`${id}:created:webhook:pos`, `${id}:created:webhook:pos`]);
    expect(await t.outbox("webhook")).toMatchObject([{ state: "sent", attempts: 2 }]);
  });

  test("a subscriber refusing with 400 is dead at once, and the dead letters name it", async () => {
    const t = await providerApp(config(api.url), { POS_SECRET: secret });
    const id = await t.book();
    api.answer({ status: 400, body: "unknown table" });
    await t.sweep();
    const response = await t.call("GET", "/api/v1/notifications?state=dead");
    expect((await response.json()).data).toEqual([
      expect.objectContaining({ reservationId: id, channel: "webhook", subscriber: "pos", state: "dead", attempts: 1, lastError: "pos: HTTP 400: unknown table" }),
    ]);
  });

  test("the crm hears of a new time, with the time before it", async () => {
    const t = await providerApp(config(api.url), { POS_SECRET: secret });
    const id = await t.book();
    expect((await t.call("PATCH", `/api/v1/reservations/${id}`, { date: "2026-12-18T20:30" })).status).toBe(200);
    await t.sweep();
    const crm = api.requests.filter((request) => request.path === "/crm");
    expect(crm).toHaveLength(1);
    expect(JSON.parse(crm[0]!.body)).toMatchObject({
      type: "reservation.changed",
      data: { reservation: { date: "2026-12-18T20:30:00-08:00" }, previous: { date: "2026-12-18T19:00:00-08:00", guestCount: 2 } },
    });
  });
});
