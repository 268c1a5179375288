/**
 * At least once, with a key: `bun run jobs` is killed (-9) while its SMS is in flight, after the
 * provider has it and before the outbox marks it sent. Once the lease runs out, the next sweep
 * sends it again, with the same idempotency key, and marks it.
 */
import { afterAll, afterEach, expect, setSystemTime, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { createSenders } from "../../src/notifications";
import { booking, buildTestApp, onPostgres, restaurant } from "../support/app";
import { recordingServer } from "../support/recording-server";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-kill-"));
const sms = recordingServer();
afterAll(() => {
  sms.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => setSystemTime());

// SQLite-only for now: the child `bun run jobs` finds the app's database by DATABASE_URL, here
// the SQLite file; on PostgreSQL it would need the test database's URL, and a test app has none.
test.skipIf(onPostgres)("a sweep killed between the send and its mark sends again after the lease, with the same idempotency key", async () => {
  const path = join(dir, "kill.db");
  const configPath = join(dir, "tablekeeper.yaml");
  const config = `notifications: { email: none, sms: textbelt, voice: none }
providers:
  textbelt: { kind: http, url: "${sms.url}/send", body: { to: "{{to}}", text: "{{text}}", key: "{{idempotencyKey}}" } }
`;
  writeFileSync(configPath, config);
  const bistro = restaurant();
  const day = Temporal.Now.plainDateISO("America/Los_Angeles").add({ days: 7 }).toString();
  const setup = await buildTestApp({ path, restaurants: [bistro], configFile: config });
  expect((await setup.call("POST", "/api/v1/reservations", booking(bistro.id, { date: `${day}T19:00`, receiveTextNotification: true }))).status).toBe(201);
  await setup.storage.close();

  sms.answer({ hang: true });
  const jobs = Bun.spawn([process.execPath, "src/jobs/cli.ts"], {
    cwd: join(import.meta.dir, "../.."),
    env: { ...process.env, DATABASE_URL: path, CONFIG_FILE: configPath, SEED_DEMO_DATA: "false", LOG_LEVEL: "silent" },
    stdout: "ignore",
    stderr: "inherit",
  });
  await sms.received(1);
  jobs.kill(9);
  await jobs.exited;

  const t = await buildTestApp({ path, restaurants: [], configFile: config });
  const outbox = () => t.db.$client.query("select state, attempts from outbox where channel = 'sms'").all();
  expect(outbox()).toEqual([{ state: "sending", attempts: 1 }]);
  const sweep = () => runSweep({ ...t.storage, settings: t.settings, senders: createSenders(t.settings, createLogger("silent")), logger: createLogger("silent"), now: Date.now });

  await sweep(); // still leased to the dead process
  expect(sms.requests).toHaveLength(1);
  setSystemTime(new Date(Date.now() + t.settings.notifications.leaseMs));
  await sweep();
  expect(outbox()).toEqual([{ state: "sent", attempts: 2 }]);
  const keys = sms.requests.map((request) => request.headers["idempotency-key"]);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]!);
  expect(JSON.parse(sms.requests[1]!.body).key).toBe(keys[0]!);
  await t.storage.close();
}, 20_000);
