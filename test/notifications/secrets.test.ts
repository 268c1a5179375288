import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import { smtpTestServer } from "../support/smtp-server";
import { recordingServer, type RecordingServer } from "../support/recording-server";
import { providerApp, START } from "./support";

const SMS_TOKEN = "known-secret-sms-token-42";
const SMTP_PASSWORD = "known-secret-smtp-password-42";

let sms: RecordingServer;
beforeEach(() => {
  setSystemTime(new Date(START));
  sms = recordingServer();
});
afterEach(() => {
  sms.stop();
  setSystemTime();
});

test("a known secret appears in no log line, stored error, metric or API answer, even when a provider echoes it back", async () => {
  const smtp = await smtpTestServer();
  smtp.state.rejectWith = 554;
  try {
    const config = `
notifications: { email: mail, sms: textbelt, voice: none }
providers:
  mail: { kind: smtp, url: "smtp://bookings:\${SMTP_PASSWORD}@127.0.0.1:${smtp.port}", from: "bookings@example.com" }
  textbelt: { kind: http, url: "${sms.url}/send", headers: { Authorization: "Bearer \${SMS_TOKEN}" }, body: { to: "{{to}}" } }
`;
    const t = await providerApp(config, { SMS_TOKEN, SMTP_PASSWORD, NOTIFICATION_MAX_ATTEMPTS: "1" });
    // The SMS API answers with the header it was sent, as some do in their error messages.
    sms.answer({ status: 500, echoHeader: "authorization" });
    await t.book({ email: "ada@example.com", receiveTextNotification: true });
    await t.sweep();
    expect(sms.requests[0]!.headers.authorization).toBe(`Bearer ${SMS_TOKEN}`);
    expect(smtp.logins[0]!.password).toBe(SMTP_PASSWORD);

    const dead = (await t.outbox()).filter((entry) => entry.state === "dead");
    expect(dead.map((entry) => entry.channel).sort()).toEqual(["email", "sms"]);
    expect(dead.find((entry) => entry.channel === "sms")!.last_error).toBe("textbelt: HTTP 500: rejected: Bearer ***");

    const answers = await Promise.all(
      ["/api/v1/notifications?state=dead", "/api/v1/notifications", "/metrics", "/api/v1/notifications/999/retry"].map(async (path) => {
        const response = await t.call(path.endsWith("retry") ? "POST" : "GET", path);
        return response.text();
      }),
    );
    const everything = [...t.logLines, ...dead.map((entry) => entry.last_error ?? ""), ...answers].join("\n");
    expect(everything).toContain("textbelt: HTTP 500");
    for (const secret of [SMS_TOKEN, SMTP_PASSWORD]) expect(everything).not.toContain(secret);
  } finally {
    await smtp.stop();
  }
});
