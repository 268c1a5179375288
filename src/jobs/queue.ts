/**
 * The background jobs as BullMQ queues, for several instances on one Redis: a job scheduler
 * makes a sweep job every interval, and each sweep queues delivery jobs that any instance's
 * worker takes. Without Redis, src/jobs/scheduler.ts runs the same work in the process.
 */
import { type ConnectionOptions, Queue, Worker } from "bullmq";
import type { Logger } from "../lib/logger";
import type { Settings } from "../settings";
import { deliverNotifications } from "./deliver";
import { runSweep, type SweepDeps } from "./sweep";

export interface QueuedJobsOptions {
  redisUrl: string;
  /** The start of every BullMQ key: instances that share the work share it. */
  prefix: string;
  settings: { scheduler: Pick<Settings["scheduler"], "intervalMs" | "deliveryJobsPerSweep"> };
  logger: Logger;
  /** One sweep without deliveries: `() => runSweep(deps, { deliver: false })`. */
  sweep: () => Promise<unknown>;
  /** One batch of deliveries: `() => deliverNotifications(deps)`. */
  deliver: () => Promise<{ sent: number; failed: number }>;
  /** false: only keep the schedule in Redis, and leave the work to `npm run worker`. */
  runWorkers: boolean;
}

export interface QueuedJobs {
  /** Closes the workers (after the jobs they are running), then the queues and their connections. Safe to call twice. */
  stop(): Promise<void>;
}

const SWEEPS = "sweeps";
const DELIVERIES = "deliveries";

/**
 * A few finished jobs are kept to look at; older ones are dropped, so that Redis does not grow.
 * The scheduler's jobs take these too: an upsert merges a queue's default job options.
 */
const keepFew = { removeOnComplete: { age: 3600, count: 100 }, removeOnFail: { age: 7 * 86_400, count: 1000 } };

/**
 * Starts the queues, and the workers unless `runWorkers` is false. Resolves once the sweep's
 * schedule is in Redis; while Redis is away it waits for it.
 */
export async function startQueuedJobs(options: QueuedJobsOptions): Promise<QueuedJobs> {
  const { prefix, logger } = options;
  // BullMQ opens its own connections from these; a worker's must wait out an outage rather
  // than fail its commands, hence no retry limit (BullMQ requires it for workers).
  const connection: ConnectionOptions = { url: options.redisUrl, maxRetriesPerRequest: null };
  const sweeps = new Queue(SWEEPS, { connection, prefix, defaultJobOptions: keepFew });
  const deliveries = new Queue(DELIVERIES, { connection, prefix, defaultJobOptions: keepFew });
  for (const queue of [sweeps, deliveries]) queue.on("error", (error) => logger.warn("job queue error", { queue: queue.name, error: error.message }));

  // At most one sweep at a time across every worker of every instance, checked in Redis as a
  // job is taken: a sweep that outlasts the interval holds the next one back. A worker killed
  // mid-sweep holds the slot until BullMQ finds its job stalled (its lock lapses, ~30 s); the
  // sweep then runs again, which it may. Set before the schedule, so no sweep is taken without it.
  await sweeps.setGlobalConcurrency(1);
  // Every instance upserts the same scheduler id, so however many start there is one schedule.
  await sweeps.upsertJobScheduler("sweep", { every: options.settings.scheduler.intervalMs }, { name: "sweep" });

  const workers = options.runWorkers ? [sweepWorker(options, connection, deliveries), deliveryWorker(options, connection)] : [];
  let stopped: Promise<void> | undefined;
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await Promise.all([sweeps.close(), deliveries.close()]);
  };
  return { stop: () => (stopped ??= close()) };
}

/** Sweeps, then queues the delivery batches for whichever workers are free. */
function sweepWorker(options: QueuedJobsOptions, connection: ConnectionOptions, deliveries: Queue) {
  const { logger, settings } = options;
  // One delivery job per id at a time: while Redis holds a waiting job under an id, adding
  // another is a no-op, so batches never pile up behind busy or absent delivery workers.
  const batches = Array.from({ length: settings.scheduler.deliveryJobsPerSweep }, (_, index) => ({
    name: "deliver",
    data: {},
    opts: { deduplication: { id: `deliver-${index}` } },
  }));
  return worker(SWEEPS, options, connection, async () => {
    await run("sweep", logger, options.sweep);
    // Queued whether the sweep failed or not: what is already due can still be sent.
    await run("queue deliveries", logger, async () => (await deliveries.addBulk(batches)).length);
  });
}

/** One batch a job; claims in the outbox are leases, so two workers never send one entry. */
function deliveryWorker(options: QueuedJobsOptions, connection: ConnectionOptions) {
  return worker(DELIVERIES, options, connection, () => run("deliver", options.logger, options.deliver));
}

function worker(name: string, options: QueuedJobsOptions, connection: ConnectionOptions, processor: () => Promise<void>) {
  const created = new Worker(name, processor, { connection, prefix: options.prefix, concurrency: 1 });
  created.on("error", (error) => options.logger.warn("job worker error", { queue: name, error: error.message }));
  return created;
}

/** Errors are logged, never thrown out of a job: a failed sweep is simply the next one's work. */
async function run(what: string, logger: Logger, task: () => Promise<unknown>): Promise<void> {
  try {
    const result = await task();
    logger.debug(what, { result });
  } catch (error) {
    logger.error(`${what} failed`, { error: String(error), stack: (error as Error).stack });
  }
}

/**
 * The queues over the service's own sweep (without deliveries) and delivery batches, on the
 * settings' Redis: what `npm start` and `npm run worker` both run.
 */
export function startServiceQueues(deps: SweepDeps, redis: NonNullable<Settings["redis"]>, runWorkers: boolean): Promise<QueuedJobs> {
  return startQueuedJobs({
    redisUrl: redis.url,
    prefix: redis.prefix,
    settings: deps.settings,
    logger: deps.logger,
    sweep: () => runSweep(deps, { deliver: false }),
    deliver: () => deliverNotifications(deps),
    runWorkers,
  });
}
