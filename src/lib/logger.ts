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

/**
 * One JSON object a line, `{"level":"info","time":"<ISO>","message":…, …fields}`, through pino.
 * To stdout it writes through pino's asynchronous destination, so a request never waits on the
 * terminal or the log collector; `flush` empties it before an exit. With `write` (tests), each
 * line goes there as it is made. Callers never pass secrets, phone numbers or email addresses.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination = write ? { write: (line: string) => write(line.replace(/\n$/, "")) } : pino.destination({ dest: 1, sync: false });
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
