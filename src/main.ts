/** Starts the server: settings, storage, the HTTP app and the in-process scheduler. */
import { createApp } from "./app";
import { bootstrap } from "./bootstrap";
import { ensureDevApiKey } from "./dev-api-key";
import { deliverNotifications } from "./jobs/deliver";
import { startQueuedJobs } from "./jobs/queue";
import { startScheduler } from "./jobs/scheduler";
import { runSweep } from "./jobs/sweep";

const { settings, logger, storage, sweepDeps } = await bootstrap();

if (settings.apiKeys.length === 0) {
  const { entry, created } = ensureDevApiKey(settings.dataDir);
  settings.apiKeys.push(entry);
  if (created) {
    console.log(
      [
        "",
        `No API_KEYS set, so a development key was made and saved in ${settings.dataDir}/dev-api-key:`,
        `  ${created}`,
        "Try it:",
        `  curl -H 'Authorization: Bearer ${created}' http://localhost:${settings.server.port}/api/v1/restaurants`,
        "",
      ].join("\n"),
    );
  }
}

const { app } = createApp({ settings, storage, logger });
const server = Bun.serve({ hostname: settings.server.host, port: settings.server.port, fetch: app.fetch });
logger.info("listening", { url: `http://${settings.server.host}:${server.port}`, docs: `http://localhost:${server.port}/docs` });
logger.flush();

// With Redis, SCHEDULER_ENABLED says whether this instance also works the shared queues, or
// only keeps their schedule and leaves the work to `npm run worker`.
const scheduler = settings.redis
  ? await startQueuedJobs({
      redisUrl: settings.redis.url,
      prefix: settings.redis.prefix,
      settings,
      logger,
      sweep: () => runSweep(sweepDeps, { deliver: false }),
      deliver: () => deliverNotifications(sweepDeps),
      runWorkers: settings.scheduler.enabled,
    })
  : settings.scheduler.enabled
    ? startScheduler(() => runSweep(sweepDeps), settings.scheduler.intervalMs, logger)
    : null;

/** Stop taking connections, let requests in flight and a running sweep finish, then close the database. */
async function shutdown(signal: string) {
  logger.info("shutting down", { signal });
  await server.stop();
  await scheduler?.stop();
  await storage.close();
  logger.flush();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
