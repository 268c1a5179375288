/** Starts the server: settings, database, seed, the HTTP app and the scheduler. */
import { createApp } from "./app";
import { createSqliteRepository } from "./db/sqlite/repository";
import { openSqlite } from "./db/sqlite/open";
import { seedDemoData } from "./db/seed";
import { ensureDevApiKey } from "./dev-api-key";
import { createLogger } from "./lib/logger";
import { loadSettings, SettingsError } from "./settings";

function settingsOrExit() {
  try {
    return loadSettings(process.env);
  } catch (error) {
    if (error instanceof SettingsError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const settings = settingsOrExit();
const logger = createLogger(settings.logLevel);
const repo = createSqliteRepository(openSqlite(settings.database.path));
if (settings.seedDemoData) {
  const seeded = await seedDemoData(repo);
  if (seeded > 0) logger.info("seeded demo restaurants", { count: seeded });
}

if (settings.apiKeys.length === 0) {
  const { entry, created } = ensureDevApiKey(settings.dataDir);
  settings.apiKeys.push(entry);
  if (created) {
    console.log(
      [
        "",
        "No API_KEYS set, so a development key was made and saved in " + `${settings.dataDir}/dev-api-key:`,
        `  ${created}`,
        "Try it:",
        `  curl -H 'Authorization: Bearer ${created}' http://localhost:${settings.server.port}/api/v1/restaurants`,
        "",
      ].join("\n"),
    );
  }
}

const { app } = createApp({ settings, repo, logger });
const server = Bun.serve({ hostname: settings.server.host, port: settings.server.port, fetch: app.fetch });
logger.info("listening", { url: `http://${settings.server.host}:${server.port}`, docs: `http://localhost:${server.port}/docs` });
