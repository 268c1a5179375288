/**
 * `npm run worker`: takes the BullMQ jobs (the scheduled sweep, the delivery batches) that every
 * instance shares through REDIS_URL. Run as many as you like; at most one sweep runs at a time.
 */
import { bootstrap } from "../bootstrap";
import { deliverNotifications } from "./deliver";
import { type QueuedJobs, startQueuedJobs } from "./queue";
import { runSweep } from "./sweep";

const { settings, logger, storage, sweepDeps } = await bootstrap();

if (!settings.redis) {
  console.error("REDIS_URL is not set: the worker takes its jobs from Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). Without Redis, the server's in-process scheduler (SCHEDULER_ENABLED) runs them.");
  await storage.close();
  process.exit(1);
}

let jobs: QueuedJobs | undefined;

/** Let the running job finish, then close the queues and the database. */
async function shutdown(signal: string) {
  logger.info("worker shutting down", { signal });
  await jobs?.stop();
  await storage.close();
  logger.flush();
  process.exit(0);
}
// Before the queues start: while Redis is away at start-up, starting waits, and a stop must not.
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

jobs = await startQueuedJobs({
  redisUrl: settings.redis.url,
  prefix: settings.redis.prefix,
  settings,
  logger,
  sweep: () => runSweep(sweepDeps, { deliver: false }),
  deliver: () => deliverNotifications(sweepDeps),
  runWorkers: true,
});
logger.info("worker started", { intervalMs: settings.scheduler.intervalMs, deliveryJobsPerSweep: settings.scheduler.deliveryJobsPerSweep });
logger.flush();
