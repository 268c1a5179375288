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

/** The lines a child writes, as they come: `first` resolves on the first one (or after `ms`). */
function readLines(stream: ReadableStream<Uint8Array>) {
  let text = "";
  let sawFirst: () => void = () => {};
  const firstLine = new Promise<void>((resolve) => (sawFirst = resolve));
  const done = (async () => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      text += decoder.decode(read.value);
      if (text.includes("\n")) sawFirst();
    }
    sawFirst();
  })();
  return {
    first: (ms: number) => Promise.race([firstLine, Bun.sleep(ms)]),
    all: async () => {
      await done;
      return text.split("\n").filter(Boolean);
    },
  };
}

test("kill -9 at a random moment loses no booking whose 201 was sent, and the database is intact", async () => {
  const path = join(dir, "crash.db");
  const server = await startServer(path);
  const client = Bun.spawn([process.execPath, join(import.meta.dir, "fixtures/book-until-killed.ts"), server.url, API_KEY, FERRY_POINT], {
    stdout: "pipe",
    stderr: "inherit",
  });
  // Kill at a random moment once bookings are flowing: on a loaded machine the client may take
  // a while to start, and a kill before its first booking would prove nothing.
  const output = readLines(client.stdout);
  await output.first(10_000);
  await Bun.sleep(Math.floor(Math.random() * 300));
  server.process.kill(9);
  expect(await server.process.exited).not.toBe(0);
  await client.exited;
  const recorded = await output.all();
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
