/**
 * The queued jobs over the real sweep and delivery: two instances on one database and one Redis
 * send each waiting notification once. The clock is real, because BullMQ's delays read it.
 */
import { describe, expect, test } from "bun:test";
import { deliverNotifications } from "../../src/jobs/deliver";
import { startQueuedJobs } from "../../src/jobs/queue";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { booking, buildTestApp, restaurant } from "../support/app";
import { recordingSenders } from "../support/recording-sender";
import { REDIS_URL, useRedisPrefix } from "../redis/redis-test-support";
import { needs } from "../support/services";

const services = needs("redis");

describe.skipIf(services.skip)(`queued jobs over the real sweep${services.because}`, () => {
  const { prefix } = useRedisPrefix();

  test("two instances deliver each waiting notification exactly once, in delivery jobs rather than in the sweep", async () => {
    const bistro = restaurant();
    const t = await buildTestApp({ restaurants: [bistro], env: { NOTIFICATION_BATCH_SIZE: "1" } });
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    for (const time of ["18:00", "18:30", "19:00"]) {
      const response = await t.call("POST", "/api/v1/reservations", booking(bistro.id, { date: `${inTwoWeeks}T${time}`, receiveEmailUpdates: true }));
      expect(response.status).toBe(201);
    }
    const waiting = () => t.db.$client.query<{ n: number }, []>("select count(*) as n from outbox where state in ('pending', 'sending')").get()!.n;
    const queued = waiting();
    expect(queued).toBeGreaterThanOrEqual(3);

    const recorder = recordingSenders();
    const deps = { ...t.storage, settings: t.settings, senders: recorder.senders, logger: createLogger("silent"), now: Date.now };
    const sweepResults: Array<{ sent: number }> = [];
    const instances = await Promise.all(
      ["a", "b"].map(() =>
        startQueuedJobs({
          redisUrl: REDIS_URL,
          prefix,
          settings: { scheduler: { intervalMs: 100, deliveryJobsPerSweep: 2 } },
          logger: createLogger("silent"),
          sweep: async () => sweepResults.push(await runSweep(deps, { deliver: false })),
          deliver: () => deliverNotifications(deps),
          runWorkers: true,
        }),
      ),
    );
    const deadline = Date.now() + 8_000;
    while (waiting() > 0 && Date.now() < deadline) await Bun.sleep(50);
    await Promise.all(instances.map((jobs) => jobs.stop()));

    expect(waiting()).toBe(0);
    const keys = recorder.sent.map((message) => message.idempotencyKey);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(sweepResults.length).toBeGreaterThan(0);
    expect(sweepResults.every((result) => result.sent === 0)).toBe(true);
  }, 10_000);
});
