import type { MiddlewareHandler } from "hono";
import { rateLimiter, type Store } from "hono-rate-limiter";
import type { HitCounter } from "../db/hit-counter";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";

/** How long a client is asked to wait while the counters' store is away: about one reconnection attempt. */
const STORE_RETRY_AFTER_SECONDS = 5;

/**
 * A limit fails closed: when its counter cannot count (Redis is away), the request is refused
 * with a 503 rather than let through uncounted. hono-rate-limiter lets a store's error escape
 * as it is, which onError would answer as a 500, so the adapter turns it into this.
 */
export function storeUnavailable(name: string): ApiError {
  return new ApiError(
    "service_unavailable",
    `The rate limiter's store is unavailable, so the request was not let through. Retry after ${STORE_RETRY_AFTER_SECONDS} s.`,
    { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS, limit: name, headers: { "Retry-After": String(STORE_RETRY_AFTER_SECONDS) } },
  );
}

/** hono-rate-limiter's store interface over one of our hit counters. */
function store(name: string, counter: HitCounter, windowMs: number, now: () => number): Store<AppEnv> {
  return {
    async increment(key) {
      const window = await counter.increment(key, windowMs, now()).catch(() => {
        throw storeUnavailable(name);
      });
      return { totalHits: window.hits, resetTime: new Date(window.resetAt) };
    },
    // A refund runs after the handler answered; losing one only makes the limit stricter, and
    // throwing here would replace that answer with an error.
    decrement: (key) => counter.decrement(key, now()).catch(() => undefined),
    resetKey: (key) => counter.reset(key),
  };
}

interface LimitOptions {
  name: string;
  counter: HitCounter;
  limit: number;
  windowMs: number;
  now: () => number;
  key: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string | Promise<string>;
  /** Give the place back when the request fails with a 4xx or 5xx. */
  refundFailures?: boolean;
  /** Give the place back when the request succeeds: a limit on failed attempts only. */
  refundSuccesses?: boolean;
  describe: string;
  onLimited?: () => void;
}

/**
 * A fixed-window limit answering 429 problem+json with Retry-After and the draft-7
 * `RateLimit-Policy` / `RateLimit` headers that hono-rate-limiter emits, or 503 with
 * Retry-After while its counter's store is unavailable.
 */
export function limitRequests(options: LimitOptions): MiddlewareHandler<AppEnv> {
  const seconds = Math.ceil(options.windowMs / 1000);
  return rateLimiter<AppEnv>({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-7",
    keyGenerator: options.key,
    skipFailedRequests: options.refundFailures ?? false,
    skipSuccessfulRequests: options.refundSuccesses ?? false,
    store: store(options.name, options.counter, options.windowMs, options.now),
    handler: (c) => {
      options.onLimited?.();
      const retryAfter = Number(c.res.headers.get("Retry-After") ?? seconds);
      throw new ApiError("rate_limited", `Too many ${options.describe}: at most ${options.limit} every ${seconds} s. Retry after ${retryAfter} s.`, {
        retryAfterSeconds: retryAfter,
        limit: options.name,
      });
    },
  });
}

/**
 * The per-reservation limit on status changes, one count whoever asks: the API's status endpoint
 * and a guest's cancel on the pages both take a place from it.
 */
export function limitStatusChanges(options: {
  counter: HitCounter;
  rule: { limit: number; windowMs: number };
  now: () => number;
  reservationId: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string | Promise<string>;
  onLimited?: () => void;
}): MiddlewareHandler<AppEnv> {
  return limitRequests({
    name: "status_change",
    counter: options.counter,
    ...options.rule,
    now: options.now,
    key: async (c) => `status:${await options.reservationId(c)}`,
    refundFailures: true,
    describe: "status changes for this reservation",
    onLimited: options.onLimited,
  });
}
