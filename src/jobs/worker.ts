/**
 * `npm run worker`: takes the BullMQ jobs (the scheduled sweep, the delivery batches) that every
 * instance shares through REDIS_URL. Run as many as you like; at most one sweep runs at a time.
 */
import { bootstrap } from "../bootstrap";
import { stopOnSignals } from "../lib/stop-on-signals";
import { type QueuedJobs, startServiceQueues } from "./queue";

const { settings, logger, storage, sweepDeps } = await bootstrap();

if (!settings.redis) {
  console.error("REDIS_URL is not set: the worker takes its jobs from Redis (e.g. REDIS_URL=redis://127.0.0.1:6379). Without Redis, the server's in-process scheduler (SCHEDULER_ENABLED) runs them.");
  await storage.close();
  process.exit(1);
}

let jobs: QueuedJobs | undefined;

// Before the queues start: while Redis is away at start-up, starting waits, and a stop must not.
stopOnSignals(logger, "worker shutting down", () => jobs?.stop(), () => storage.close());

jobs = await startServiceQueues(sweepDeps, settings.redis, true);
logger.info("worker started", { intervalMs: settings.scheduler.intervalMs, deliveryJobsPerSweep: settings.scheduler.deliveryJobsPerSweep });
logger.flush();
