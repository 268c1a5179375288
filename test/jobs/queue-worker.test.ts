/** `npm run worker` (src/jobs/worker.ts) as a child process, as an orchestrator runs it. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Subprocess } from "bun";
import type { Redis } from "ioredis";
import { connectTestRedis, REDIS_URL, removeKeys, testPrefix } from "../redis/redis-test-support";

const ROOT = new URL("../..", import.meta.url).pathname;
const prefix = testPrefix().slice(0, -1);
let admin: Redis;

beforeAll(async () => {
  admin = await connectTestRedis();
});

afterAll(async () => {
  await removeKeys(admin, prefix);
  admin.disconnect();
});

function startWorker(env: Record<string, string>) {
  return Bun.spawn([process.execPath, `${ROOT}src/jobs/worker.ts`], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: ":memory:", SEED_DEMO_DATA: "false", NODE_ENV: "test", LOG_LEVEL: "debug", REDIS_URL: "", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
}

/** Reads the child's log until a line with `message`, for at most 10 s. */
async function logLine(child: Subprocess<"ignore", "pipe", "pipe">, message: string): Promise<void> {
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += decoder.decode(value);
    if (buffered.includes(`"message":"${message}"`)) {
      reader.releaseLock();
      void child.stdout.pipeTo(new WritableStream());
      return;
    }
  }
  child.kill(9);
  throw new Error(`no "${message}" in the worker's log: ${buffered}\n${await new Response(child.stderr).text()}`);
}

test("SIGTERM stops the worker after its sweep, with exit code 0", async () => {
  const child = startWorker({ REDIS_URL, REDIS_PREFIX: prefix, SCHEDULER_INTERVAL_SECONDS: "1" });
  await logLine(child, "sweep");
  const signalled = Date.now();
  child.kill("SIGTERM");
  const code = await Promise.race([child.exited, Bun.sleep(5_000).then(() => "still running")]);
  if (code === "still running") child.kill(9);
  expect({ code, withinSeconds: Math.ceil((Date.now() - signalled) / 1000) <= 5 }).toEqual({ code: 0, withinSeconds: true });
}, 15_000);

test("without REDIS_URL the worker exits 1 and says which setting it needs", async () => {
  const child = startWorker({});
  expect(await child.exited).toBe(1);
  expect(await new Response(child.stderr).text()).toContain("REDIS_URL is not set");
});
