/** Starts the server: settings, storage, the HTTP app and the in-process scheduler. */
import { createApp } from "./app";
import { bootstrap } from "./bootstrap";
import { ensureDevApiKey } from "./dev-api-key";
import { startServiceQueues } from "./jobs/queue";
import { startScheduler } from "./jobs/scheduler";
import { runSweep } from "./jobs/sweep";
import { stopOnSignals } from "./lib/stop-on-signals";

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
  ? await startServiceQueues(sweepDeps, settings.redis, settings.scheduler.enabled)
  : settings.scheduler.enabled
    ? startScheduler(() => runSweep(sweepDeps), settings.scheduler.intervalMs, logger)
    : null;

// Stop taking connections, let requests in flight and a running sweep finish, then close the database.
stopOnSignals(logger, "shutting down", () => server.stop(), () => scheduler?.stop(), () => storage.close());
