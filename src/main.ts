/** Starts the server: settings, storage, the HTTP app and the in-process scheduler. */
import { createApp } from "./app";
import { bootstrap } from "./bootstrap";
import { ensureDevApiKey } from "./dev-api-key";
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

const { app, services } = createApp({ settings, storage, logger });
const server = Bun.serve({ hostname: settings.server.host, port: settings.server.port, fetch: app.fetch });
const scheduler = settings.scheduler.enabled ? startScheduler(() => runSweep(sweepDeps), settings.scheduler.intervalMs, logger) : null;
logger.info("listening", { url: `http://${settings.server.host}:${server.port}`, docs: `http://localhost:${server.port}/docs` });

/** Stop taking connections, let requests in flight and a running sweep finish, then close the database. */
async function shutdown(signal: string) {
  logger.info("shutting down", { signal });
  await server.stop();
  await scheduler?.stop();
  await storage.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
