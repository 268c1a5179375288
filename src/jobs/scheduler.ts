import type { Logger } from "../lib/logger";

/**
 * Runs `sweep` every `intervalMs`, never two at once in this process. `stop` waits for a
 * running sweep to finish.
 */
export function startScheduler(sweep: () => Promise<unknown>, intervalMs: number, logger: Logger) {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = sweep()
      .then((result) => logger.debug("sweep", { result }))
      .catch((error) => logger.error("sweep failed", { error: String(error), stack: (error as Error).stack }))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
