/** A test app whose senders come from a settings file, and a sweep over it with the clock the test froze. */
import { expect } from "bun:test";
import { runSweep } from "../../src/jobs/sweep";
import { createLogger } from "../../src/lib/logger";
import { createSenders, type Senders } from "../../src/notifications";
import type { Env } from "../../src/settings";
import { booking, buildTestApp, restaurant, type TestApp } from "../support/app";

export const bistro = restaurant();
/** 2026-12-18 19:00 in Los Angeles; the clock starts at 2026-12-01 12:00 UTC. */
export const SEATING = Date.parse("2026-12-19T03:00:00Z");
export const START = Date.parse("2026-12-01T12:00:00Z");

export interface ProviderApp extends TestApp {
  senders: Senders;
  logLines: string[];
  sweep(): Promise<unknown>;
  book(overrides?: Record<string, unknown>): Promise<string>;
  /** The outbox entries, on one channel or all, in id order, read through the job store. */
  outbox(channel?: string): Promise<Array<{ id: number; channel: string; subscriber: string | null; state: string; attempts: number; next_attempt_at: number; last_error: string | null }>>;
}

/** `random` is the jitter's: 1 (the default here) gives the full backoff, so the next try is a known instant. */
export async function providerApp(configFile: string, env: Env = {}, random = () => 1): Promise<ProviderApp> {
  const restaurants = [bistro];
  const t = await buildTestApp({ restaurants, configFile, env: { NOTIFICATION_RETRY_BASE_SECONDS: "30", ...env } });
  const logLines: string[] = [];
  const logger = createLogger("debug", (line) => logLines.push(line));
  const senders = createSenders(t.settings, logger);
  return {
    ...t,
    senders,
    logLines,
    sweep: () => runSweep({ ...t.storage, settings: t.settings, senders, logger, now: Date.now, random }),
    async book(overrides = {}) {
      const response = await t.call("POST", "/api/v1/reservations", booking(bistro.id, overrides));
      expect(response.status).toBe(201);
      return (await response.json()).id as string;
    },
    async outbox(channel?: string) {
      const { items } = await t.storage.jobs.listNotifications({ limit: 100_000 });
      return items
        .filter((entry) => channel === undefined || entry.channel === channel)
        .map(({ id, channel, subscriber, state, attempts, nextAttemptAt, lastError }) => ({ id, channel, subscriber, state, attempts, next_attempt_at: nextAttemptAt, last_error: lastError }));
    },
  };
}
