import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStorage } from "../../src/db/sqlite/storage";
import { restaurant } from "../support/app";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-jobs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runJobs(databasePath: string) {
  return Bun.spawn([process.execPath, "src/jobs/cli.ts"], {
    cwd: join(import.meta.dir, "../.."),
    env: { ...process.env, DATABASE_URL: databasePath, SEED_DEMO_DATA: "false", LOG_LEVEL: "info", NOTIFY_VOICE: "none" },
    stdout: "pipe",
    stderr: "pipe",
  });
}

test("`bun run jobs` sweeps once and exits; two at once on one database record each no-show once", async () => {
  const path = join(dir, "jobs.db");
  const storage = openSqliteStorage(path);
  const bistro = restaurant();
  await storage.repo.insertRestaurants([bistro]);
  const now = Date.now();
  const insert = storage.db.$client.query(
    `insert into reservations (id, restaurant_id, first_name, last_name, phone, receive_email_updates, receive_phone_call,
       receive_text_notification, starts_at, ends_at, guest_count, status, status_changed_at, created_at, updated_at)
     values (?, ?, 'Ada', 'Lovelace', '4155552671', 1, 1, 0, ?, ?, 2, 0, ?, ?, ?)`,
  );
  for (let i = 0; i < 50; i++) {
    const startsAt = now - (60 + i) * 60_000;
    insert.run(`r${i}`, bistro.id, startsAt, startsAt + 90 * 60_000, startsAt - 86_400_000, startsAt - 86_400_000, startsAt - 86_400_000);
  }
  await storage.close();

  const runs = [runJobs(path), runJobs(path)];
  const outputs = await Promise.all(runs.map(async (run) => ({ code: await run.exited, out: await new Response(run.stdout).text() })));
  for (const { code, out } of outputs) {
    expect(code).toBe(0);
    expect(out).toContain('"message":"sweep done"');
  }
  const missedCounts = outputs.map(({ out }) => JSON.parse(out.split("\n").find((line) => line.includes("sweep done"))!).missed);
  expect(missedCounts.reduce((a, b) => a + b, 0)).toBe(50);

  const check = openSqliteStorage(path);
  const q = (sql: string) => check.db.$client.query(sql).get() as { n: number };
  expect(q("select count(*) as n from reservations where status = 3").n).toBe(50);
  expect(q("select count(*) as n from status_log where to_status = 3").n).toBe(50);
  // One entry per reservation and channel: email and sms (voice is none).
  expect(q("select count(*) as n from outbox where kind = 'status_changed'").n).toBe(100);
  expect(q("select count(distinct reservation_id || channel) as n from outbox where kind = 'status_changed'").n).toBe(100);
  check.close();
}, 30_000);
