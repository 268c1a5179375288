/** One scheduler sweep, then exit: for system cron when the in-process scheduler is off. */
import { bootstrap } from "../bootstrap";
import { stopOnSignals } from "../lib/stop-on-signals";
import { runSweep } from "./sweep";

const { storage, sweepDeps, logger } = await bootstrap();

// Stopped mid-sweep, it leaves nothing half-written: each write is its own transaction, and a
// notification being sent is a lease that the next sweep takes over, so it may be sent again
// but is never lost.
stopOnSignals(logger, "shutting down", () => storage.close());

logger.info("sweep started");
logger.flush();
try {
  const result = await runSweep(sweepDeps);
  logger.info("sweep done", result);
} finally {
  await storage.close();
  logger.flush();
}
