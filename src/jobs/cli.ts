/** One scheduler sweep, then exit: for system cron when the in-process scheduler is off. */
import { bootstrap } from "../bootstrap";
import { runSweep } from "./sweep";

const { storage, sweepDeps, logger } = await bootstrap();
try {
  const result = await runSweep(sweepDeps);
  logger.info("sweep done", result);
} finally {
  await storage.close();
}
