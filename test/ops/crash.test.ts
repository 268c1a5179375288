import { afterAll, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_KEY } from "../support/app";
import { authorized, startServer } from "../support/server-process";

const dir = mkdtempSync(join(tmpdir(), "tablekeeper-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FERRY_POINT = "786fe295-d5a8-8d46-8c1c-c836a0166c37";

test("kill -9 at a random moment loses no booking whose 201 was sent, and the database is intact", async () => {
  const path = join(dir, "crash.db");
  const server = await startServer(path);
  const client = Bun.spawn([process.execPath, join(import.meta.dir, "fixtures/book-until-killed.ts"), server.url, API_KEY, FERRY_POINT], {
    stdout: "pipe",
    stderr: "inherit",
  });
  await Bun.sleep(150 + Math.floor(Math.random() * 350));
  server.process.kill(9);
  expect(await server.process.exited).not.toBe(0);
  const recorded = (await new Response(client.stdout).text()).split("\n").filter(Boolean);
  await client.exited;
  expect(recorded.length).toBeGreaterThan(0);

  const db = new Database(path);
  expect(db.query("pragma integrity_check").get()).toEqual({ integrity_check: "ok" });
  db.close();

  const restarted = await startServer(path);
  try {
    for (const id of recorded) {
      const response = await fetch(`${restarted.url}/api/v1/reservations/${id}`, { headers: authorized });
      expect(response.status).toBe(200);
    }
  } finally {
    restarted.process.kill("SIGTERM");
    await restarted.process.exited;
  }
}, 30_000);
