import jsonata from "jsonata";
import type { HttpProviderConfig } from "../config-file";
import type { JobStore, RestaurantDataTarget } from "../db/job-store";
import type { Logger } from "../lib/logger";
import { redact } from "../lib/redact";
import { callOut } from "../notifications/providers/call-out";
import { DeliveryError } from "../notifications/sender";
import { renderHeaders, renderUrl } from "../notifications/providers/templates";
import type { Settings } from "../settings";
import { retryDelay } from "./backoff";

export interface RestaurantDataDeps {
  jobs: JobStore;
  settings: Settings;
  now: () => number;
  logger: Logger;
  /** The jitter's randomness, [0, 1). */
  random?: () => number;
}

const BATCH = 50;

/**
 * Asks the `restaurantData` source for the ratings and review counts of the restaurants that
 * are due (every `everyMinutes`; a failed one again after exponential backoff with jitter, at
 * most `everyMinutes`, and never sooner than a Retry-After). A failing or malformed answer
 * leaves the last good data in place, and is logged and counted in /metrics.
 */
export async function refreshRestaurantData(deps: RestaurantDataDeps): Promise<{ refreshed: number; failed: number }> {
  const { jobs, settings, now, logger, random = Math.random } = deps;
  const name = settings.restaurantData;
  const config = name ? settings.providers[name] : undefined;
  if (!name || config?.kind !== "http") return { refreshed: 0, failed: 0 };
  const clock = now();
  const everyMs = config.everyMinutes * 60_000;
  const due = await jobs.restaurantsDueForData(clock - everyMs, clock, BATCH);
  const changed: string[] = [];
  let failed = 0;
  for (const restaurant of due) {
    try {
      const data = await fetchData(name, config, restaurant);
      if (await jobs.saveRestaurantData(restaurant.id, now(), data)) changed.push(restaurant.id);
    } catch (error) {
      failed += 1;
      const message = redact((error as Error).message, settings.secrets);
      const delay = retryDelay(restaurant.failures + 1, {
        baseMs: settings.notifications.retryBaseMs,
        random,
        retryAfterMs: error instanceof DeliveryError ? error.retryAfterMs : undefined,
        capMs: everyMs,
      });
      await jobs.saveRestaurantData(restaurant.id, now(), { error: message, retryAt: now() + delay });
      logger.warn("restaurant data failed; keeping the last good data", { provider: name, restaurantId: restaurant.id, error: message });
    }
  }
  return { refreshed: due.length - failed, failed };
}

async function fetchData(name: string, config: HttpProviderConfig, restaurant: RestaurantDataTarget) {
  const view = { restaurant };
  const response = await callOut(name, renderUrl(config.url, view), {
    method: config.method,
    headers: { accept: "application/json", ...renderHeaders(config.headers, view) },
    timeoutMs: config.timeoutSeconds * 1000,
  });
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    throw new Error(`${name}: the answer is not JSON`);
  }
  const rating = await jsonata(config.map!.rating!).evaluate(answer);
  const reviewCount = await jsonata(config.map!.reviewCount!).evaluate(answer);
  if (typeof rating !== "number" || !(rating >= 0 && rating <= 5)) throw new Error(`${name}: map.rating gave ${describe(rating)}, expected a number from 0 to 5`);
  if (!Number.isInteger(reviewCount) || reviewCount < 0) throw new Error(`${name}: map.reviewCount gave ${describe(reviewCount)}, expected a whole number`);
  return { rating, reviewCount: reviewCount as number };
}

const describe = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value).slice(0, 40));
