/** What the server and the command-line jobs both start from. */
import { seedDemoData } from "./db/seed";
import { openStorage } from "./db/open-storage";
import { createLogger } from "./lib/logger";
import { createSenders } from "./notifications";
import { existsSync, readFileSync } from "node:fs";
import { configFileLocation, loadSettings, SettingsError } from "./settings";

/** The settings file's text, or null when there is none at its path: `loadSettings` decides whether that is a problem. */
function readConfigFile(path: string): { path: string; text: string | null } {
  return { path, text: existsSync(path) ? readFileSync(path, "utf8") : null };
}

export function settingsOrExit() {
  try {
    return loadSettings(process.env, readConfigFile(configFileLocation(process.env).path));
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export async function bootstrap() {
  const settings = settingsOrExit();
  const logger = createLogger(settings.logLevel);
  const storage = await openStorage(settings, logger);
  if (settings.seedDemoData) {
    const seeded = await seedDemoData(storage.repo);
    if (seeded > 0) logger.info("seeded demo restaurants", { count: seeded });
  }
  const senders = createSenders(settings, logger);
  const sweepDeps = { ...storage, settings, senders, logger, now: Date.now };
  return { settings, logger, storage, sweepDeps };
}
