/** The one way Tablekeeper opens a Redis client for its own commands (BullMQ opens its own). */
import { Redis } from "ioredis";
import type { Logger } from "../lib/logger";

/** Longest wait between reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 5_000;

export interface ConnectOptions {
  /** Where the client says that Redis went away and came back; once each, not per attempt. */
  logger?: Logger;
  /** How long to wait for a TCP connection, and for an answer to a command. */
  timeoutMs?: number;
}

/**
 * A client for requests that must not wait on a Redis that is away: a command fails at once
 * (no offline queue, one retry) or after `timeoutMs`, so a rate limit can answer 503 instead of
 * holding the request. It keeps reconnecting by itself, with a backoff capped at 5 s, and
 * commands work again as soon as Redis is back.
 */
export function connectRedis(url: string, options: ConnectOptions = {}): Redis {
  const { logger, timeoutMs = 2_000 } = options;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS),
  });
  let away = false;
  // Without an error listener ioredis prints every failed attempt; one line an outage is enough.
  client.on("error", (error: Error) => {
    if (away) return;
    away = true;
    logger?.warn("redis unavailable", { error: error.message });
  });
  client.on("ready", () => {
    if (!away) return;
    away = false;
    logger?.info("redis available again");
  });
  return client;
}

/** Whether Redis answers now: for readiness checks. Never throws. */
export async function ping(client: Redis): Promise<boolean> {
  try {
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  }
}

/**
 * Resolves true once the client is connected, or false after `timeoutMs`. Commands fail while
 * it connects (there is no offline queue), so a server that wants its first requests counted
 * waits here at start-up; one that would rather start with Redis away need not.
 */
export async function redisReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === "ready") return true;
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      client.off("ready", onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.on("ready", onReady);
  });
}
