/** One scheduler sweep, then exit: for system cron when the in-process scheduler is off. */
import { bootstrap } from "../bootstrap";
import { runSweep } from "./sweep";

const { storage, sweepDeps, logger } = await bootstrap();

/**
 * Stopped mid-sweep, it leaves nothing half-written: each write is its own transaction, and a
 * notification being sent is a lease that the next sweep takes over, so it may be sent again
 * but is never lost. It closes the database (letting statements in flight finish) and exits 0.
 */
async function stop(signal: string) {
  logger.info("shutting down", { signal });
  await storage.close();
  logger.flush();
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));

logger.info("sweep started");
logger.flush();
try {
  const result = await runSweep(sweepDeps);
  logger.info("sweep done", result);
} finally {
  await storage.close();
  logger.flush();
}
