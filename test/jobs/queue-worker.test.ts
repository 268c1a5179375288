/** `npm run worker` (src/jobs/worker.ts) as a child process, as an orchestrator runs it. */
import { describe, expect, test } from "bun:test";
import { REDIS_URL, useRedisPrefix } from "../redis/redis-test-support";
import { logLine } from "../support/server-process";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`npm run worker${services.because}`, () => {
  const ROOT = new URL("../..", import.meta.url).pathname;
  const { prefix } = useRedisPrefix();

  function startWorker(env: Record<string, string>) {
    return Bun.spawn([process.execPath, `${ROOT}src/jobs/worker.ts`], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ":memory:", SEED_DEMO_DATA: "false", NODE_ENV: "test", LOG_LEVEL: "debug", REDIS_URL: "", ...env },
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    });
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
});
