import { afterAll, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { authorized, startServer } from "../support/server-process";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-shutdown-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Ferry Point Oyster Bar (demo data): open every day, 17:00-22:00 among others.
const FERRY_POINT = "786fe295-d5a8-8d46-8c1c-c836a0166c37";
const MAX_REQUESTS = 400;
const CONCURRENCY = 8;

function bookingFor(index: number) {
  const day = new Date(Date.now() + (2 + (index % 150)) * 86_400_000).toISOString().slice(0, 10);
  return { restaurantId: FERRY_POINT, firstName: "Load", lastName: "Test", phone: "4155552671", date: `${day}T19:00`, guestCount: 1 };
}

test("SIGTERM during load: every accepted booking is kept, none is half-done, and the database is intact", async () => {
  const path = join(dir, "shutdown.db");
  const server = await startServer(path, { SCHEDULER_INTERVAL_SECONDS: "1" });
  const created: string[] = [];
  let refused = 0;
  let next = 0;
  let signalled = false;

  async function worker() {
    while (next < MAX_REQUESTS) {
      const index = next++;
      if (index === 100 && !signalled) {
        signalled = true;
        server.process.kill("SIGTERM");
      }
      try {
        const response = await fetch(`${server.url}/api/v1/reservations`, { method: "POST", headers: authorized, body: JSON.stringify(bookingFor(index)) });
        if (response.status === 201) created.push((await response.json()).id);
        else expect([201]).toContain(response.status);
      } catch {
        // Refused or reset: the server had stopped taking requests. Such a request was never
        // committed (checked below), so a client may safely retry it.
        refused += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  expect(await server.process.exited).toBe(0);

  const db = new Database(path);
  const rows = db.query("select id from reservations").all() as Array<{ id: string }>;
  // Exactly what the clients were told was created: nothing lost, nothing committed without an answer.
  expect(rows.map((row) => row.id).sort()).toEqual([...created].sort());
  expect(db.query("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
  db.close();
  // Most of the requests sent before the signal finished; the ones after it were turned away.
  expect(created.length).toBeGreaterThan(90);
  expect(refused).toBeGreaterThan(0);
}, 30_000);
