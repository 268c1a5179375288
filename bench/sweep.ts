/** One scheduler sweep, in this process, over a database full of reservations the clock has made due. */
import { openSqliteStorage } from "../src/db/sqlite/storage";
import { runSweep } from "../src/jobs/sweep";
import { createLogger } from "../src/lib/logger";
import { createSenders } from "../src/notifications";
import { loadSettings } from "../src/settings";

export async function timeSweep(path: string) {
  const storage = openSqliteStorage(path);
  try {
    // Default settings, as `bun run jobs` would have them; the console senders write to a silent log.
    const settings = loadSettings({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: path });
    const logger = createLogger("silent");
    const deps = { ...storage, settings, senders: createSenders(settings, logger), logger, now: Date.now };
    const started = performance.now();
    const result = await runSweep(deps);
    return { ms: performance.now() - started, result };
  } finally {
    storage.close();
  }
}
