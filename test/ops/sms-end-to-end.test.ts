/**
 * Done when: with a tablekeeper.yaml whose sms provider is an http one pointed at a local server,
 * a booking made with receiveTextNotification: true through the real server process makes a
 * request arrive at that server within one scheduler period, with the guest's number in E.164
 * and the local time in the text. Also: a broken settings file stops start-up, naming the file.
 */
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordingServer } from "../support/recording-server";
import { authorized, startServer } from "../support/server-process";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-e2e-"));
const sms = recordingServer();
afterAll(() => {
  sms.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FERRY_POINT = "786fe295-d5a8-8d46-8c1c-c836a0166c37"; // San Francisco, open every day

test("a booking with text notifications reaches the SMS API of tablekeeper.yaml within a scheduler period", async () => {
  // The server runs in `dir`, so it finds the settings file there by its default name.
  const configFile = join(dir, "tablekeeper.yaml");
  writeFileSync(
    configFile,
    `notifications: { email: none, sms: textbelt, voice: none }
providers:
  textbelt: { kind: http, method: POST, url: "${sms.url}/send", headers: { Authorization: "Bearer \${SMS_TOKEN}" }, body: { to: "{{to}}", message: "{{text}}" } }
`,
  );
  const server = await startServer(join(dir, "e2e.db"), { SMS_TOKEN: "e2e-token-0123456789", SCHEDULER_INTERVAL_SECONDS: "1" }, dir);
  try {
    const day = Temporal.Now.plainDateISO("America/Los_Angeles").add({ days: 7 });
    const response = await fetch(`${server.url}/api/v1/reservations`, {
      method: "POST",
      headers: authorized,
      body: JSON.stringify({ restaurantId: FERRY_POINT, firstName: "Ada", lastName: "Lovelace", phone: "(415) 555-2671", date: `${day}T19:00`, guestCount: 2, receiveTextNotification: true }),
    });
    expect(response.status).toBe(201);
    await sms.received(1);
    const [request] = sms.requests;
    expect(request!.headers.authorization).toBe("Bearer e2e-token-0123456789");
    const body = JSON.parse(request!.body) as { to: string; message: string };
    expect(body.to).toBe("+14155552671");
    const weekday = day.toLocaleString("en-US", { weekday: "long", month: "long", day: "numeric" });
    expect(body.message).toStartWith(`Hi Ada, your table is booked: Ferry Point Oyster Bar, ${weekday}, 7:00 PM`);
    expect(body.message).toContain("(America/Los_Angeles)");
  } finally {
    server.process.kill("SIGTERM");
    await server.process.exited;
  }
}, 20_000);

test("a settings file naming an undefined provider stops start-up with a message naming the file, the key and the rule", async () => {
  const configFile = join(dir, "broken.yaml");
  writeFileSync(configFile, "notifications: { sms: textbelt }\n");
  const child = Bun.spawn([process.execPath, "src/main.ts"], {
    cwd: join(import.meta.dir, "../.."),
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DATABASE_URL: ":memory:", CONFIG_FILE: configFile },
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(await child.exited).toBe(1);
  expect(await new Response(child.stderr).text()).toContain(`${configFile}: notifications.sms: names the provider "textbelt", which providers does not define`);
});
