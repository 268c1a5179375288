import type { Logger } from "./logger";

/**
 * On SIGTERM or SIGINT: logs `message` with the signal, runs `steps` in order (each lets its work
 * in flight finish: the server's requests, a running job, the database's statements), writes out
 * the log and exits 0. What every entry point does, so that a supervisor's signal to the npm
 * process stops each the same way.
 */
export function stopOnSignals(logger: Logger, message: string, ...steps: Array<() => unknown>): void {
  const stop = async (signal: string) => {
    logger.info(message, { signal });
    for (const step of steps) await step();
    logger.flush();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
