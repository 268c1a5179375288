import pino from "pino";

export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Writes out what is buffered: before the process exits. */
  flush(): void;
}

/** How long a line may wait in the buffer: a collector sees a request's line within this. */
const FLUSH_EVERY_MS = 250;

/**
 * stdout through pino's asynchronous destination, written in blocks of 4 KiB or every 250 ms,
 * whichever comes first: a write call per line was a fifth of a request's time at the default
 * log level. Lines that mark the life of the process are flushed at once by their callers.
 */
function bufferedStdout() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref();
  return destination;
}

/**
 * One JSON object a line, `{"level":"info","time":"<ISO>","message":…, …fields}`, through pino.
 * To stdout it writes through pino's asynchronous destination, so a request never waits on the
 * terminal or the log collector; `flush` empties it, before an exit and after a line that says
 * the process is ready. With `write` (tests), each
 * line goes there as it is made. Callers never pass secrets, phone numbers or email addresses.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, "")) } : bufferedStdout();
  const log = pino(
    {
      level,
      base: undefined,
      messageKey: "message",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const at =
    (name: Exclude<LogLevel, "silent">) =>
    (message: string, fields?: Record<string, unknown>) =>
      fields ? log[name](fields, message) : log[name](message);
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    flush: () => {
      if (!write) (destination as ReturnType<typeof pino.destination>).flushSync();
    },
  };
}
