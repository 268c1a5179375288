/**
 * The BullMQ jobs on the real Redis: two "instances" (two sets of queues and workers in this
 * process) under one fresh prefix, with a short interval. No timing is asserted, only order.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type QueuedJobs, type QueuedJobsOptions, startQueuedJobs } from "../../src/jobs/queue";
import { createLogger } from "../../src/lib/logger";
import { connectTestRedis, REDIS_URL, removeKeys, testPrefix } from "../redis/redis-test-support";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`BullMQ job schedulers${services.because}`, () => {
  let admin: Redis;
  const prefixes: string[] = [];
  const started: QueuedJobs[] = [];

  beforeAll(async () => {
    admin = await connectTestRedis();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((jobs) => jobs.stop()));
    for (const prefix of prefixes.splice(0)) await removeKeys(admin, prefix);
  });

  afterAll(() => admin.disconnect());

  /** BullMQ joins its prefix and a queue's name with a colon. */
  function freshPrefix(): string {
    const prefix = testPrefix().slice(0, -1);
    prefixes.push(prefix);
    return prefix;
  }

  async function instance(options: Partial<QueuedJobsOptions> & Pick<QueuedJobsOptions, "prefix">): Promise<QueuedJobs> {
    const jobs = await startQueuedJobs({
      redisUrl: REDIS_URL,
      settings: { scheduler: { intervalMs: 100, deliveryJobsPerSweep: 4 } },
      logger: createLogger("silent"),
      sweep: async () => undefined,
      deliver: async () => ({ sent: 0, failed: 0 }),
      runWorkers: true,
      ...options,
    });
    started.push(jobs);
    return jobs;
  }

  /** Waits until `done()` holds, for at most `ms`. */
  async function until(done: () => boolean, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await Bun.sleep(20);
    expect(done()).toBe(true);
  }

  test("two instances run the scheduled sweep again and again, never two at once", async () => {
    const prefix = freshPrefix();
    const runs: Array<{ by: string; start: number; end?: number }> = [];
    // Each sweep outlasts the interval, so that a second worker would start one if it could.
    const sweepAs = (by: string) => async () => {
      const run: (typeof runs)[number] = { by, start: performance.now() };
      runs.push(run);
      await Bun.sleep(150);
      run.end = performance.now();
    };
    await instance({ prefix, sweep: sweepAs("a") });
    await instance({ prefix, sweep: sweepAs("b") });
    await until(() => runs.filter((run) => run.end !== undefined).length >= 5, 8_000);

    for (const [index, run] of runs.entries()) {
      if (index > 0) expect({ run: index, startedAfterPreviousEnded: run.start >= runs[index - 1]!.end! }).toEqual({ run: index, startedAfterPreviousEnded: true });
    }
  }, 10_000);

  test("every instance upserts the schedule and there is one; without workers nothing runs", async () => {
    const prefix = freshPrefix();
    let sweeps = 0;
    const count = async () => void (sweeps += 1);
    await instance({ prefix, runWorkers: false, sweep: count });
    await instance({ prefix, runWorkers: false, sweep: count, settings: { scheduler: { intervalMs: 200, deliveryJobsPerSweep: 4 } } });
    const queue = new Queue("sweeps", { connection: { url: REDIS_URL }, prefix });
    const schedulers = await queue.getJobSchedulers();
    const next = await queue.getJobs(["delayed", "wait"]);
    await queue.close();
    expect(schedulers.map((scheduler) => ({ id: scheduler.key, every: Number(scheduler.every) }))).toEqual([{ id: "sweep", every: 200 }]);
    // The next sweep is removed once finished, beyond a few kept to look at.
    expect(next.map((job) => ({ name: job.name, removeOnComplete: job.opts.removeOnComplete, removeOnFail: job.opts.removeOnFail }))).toEqual([
      { name: "sweep", removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 86_400, count: 1000 } },
    ]);
    await Bun.sleep(300);
    expect(sweeps).toBe(0);
  });

  test("the delivery jobs a sweep queues are taken by the workers of both instances", async () => {
    const prefix = freshPrefix();
    const deliveredBy: string[] = [];
    const deliverAs = (by: string) => async () => {
      deliveredBy.push(by);
      await Bun.sleep(30);
      return { sent: 1, failed: 0 };
    };
    await instance({ prefix, deliver: deliverAs("a") });
    await instance({ prefix, deliver: deliverAs("b") });
    await until(() => deliveredBy.includes("a") && deliveredBy.includes("b"), 8_000);
  }, 10_000);

  test("a sweep that throws is logged, and the next one runs", async () => {
    const prefix = freshPrefix();
    const logged: string[] = [];
    let sweeps = 0;
    await instance({
      prefix,
      logger: createLogger("error", (line) => logged.push(JSON.parse(line).message)),
      sweep: async () => {
        sweeps += 1;
        if (sweeps === 1) throw new Error("database away");
      },
    });
    await until(() => sweeps >= 2);
    expect(logged).toContain("sweep failed");
  });

  test("stop returns after the running sweep has finished", async () => {
    const prefix = freshPrefix();
    const events: string[] = [];
    let running: () => void;
    const sweepStarted = new Promise<void>((resolve) => (running = resolve));
    const jobs = await instance({
      prefix,
      sweep: async () => {
        events.push("sweep started");
        running();
        await Bun.sleep(300);
        events.push("sweep finished");
      },
    });
    await sweepStarted;
    await jobs.stop();
    events.push("stopped");
    expect(events.slice(0, 3)).toEqual(["sweep started", "sweep finished", "stopped"]);
  });
});
