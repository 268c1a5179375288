import type { Context } from "hono";
import { type HitCounter, memoryHitCounter } from "../db/hit-counter";
import { ApiError } from "../lib/problem";
import { addressBucket, clientAddress } from "./client-address";
import { storeUnavailable } from "./rate-limit";

/**
 * Failed API key attempts allowed per client address (an IPv6 /64) in a fixed window, when no
 * other is given; the app takes them from API_KEY_FAILURES_PER_ADDRESS and _WINDOW_MINUTES.
 */
export const FAILED_KEY_ATTEMPTS = { limit: 20, windowMs: 5 * 60_000 } as const;

export interface FailedKeyLimitOptions {
  /** Where the failures are counted; one process's memory unless told otherwise. */
  counter?: HitCounter;
  limit?: number;
  windowMs?: number;
  now?: () => number;
  /** Called for every request turned away while its address is locked. */
  onLocked?: () => void;
}

export interface FailedKeyLimit {
  /** Throws the 429 while the request's address is locked; costs nothing while none is. */
  check(c: Context): void;
  /** Counts a failed attempt; throws the 429 instead of the caller's 401 when over the limit. */
  recordFailure(c: Context): Promise<void>;
}

/**
 * Bounds key guessing: after `limit` failed attempts from one address within a window, the
 * address is locked until that window ends, and every request from it gets 429 with Retry-After,
 * before and whatever its key. A right key is refused too, so a guesser learns nothing from the
 * answers once locked; the price is that a client sharing the address (the same NAT, or a proxy
 * in front of the server) waits out the window with it. A request without any key is no attempt.
 *
 * limitRequests (hono-rate-limiter) does not fit: it counts every request and cannot tell
 * whether an address is locked without counting one more, so this counts failures only.
 */
export function failedKeyLimit(options: FailedKeyLimitOptions = {}): FailedKeyLimit {
  const { counter = memoryHitCounter(), limit = FAILED_KEY_ATTEMPTS.limit, windowMs = FAILED_KEY_ATTEMPTS.windowMs, now = Date.now } = options;
  const windowSeconds = Math.ceil(windowMs / 1000);
  /** When each locked address's window ends. */
  const lockedUntil = new Map<string, number>();
  let pruneAt = 0;

  function locked(until: number, clock: number): ApiError {
    options.onLocked?.();
    const retryAfter = Math.max(1, Math.ceil((until - clock) / 1000));
    return new ApiError("rate_limited", `Too many failed API key attempts from this address: at most ${limit} every ${windowSeconds} s. Retry after ${retryAfter} s.`, {
      retryAfterSeconds: retryAfter,
      limit: "failed_api_keys",
      headers: { "Retry-After": String(retryAfter), "RateLimit-Policy": `${limit};w=${windowSeconds}`, RateLimit: `limit=${limit}, remaining=0, reset=${retryAfter}` },
    });
  }

  /** Forgets ended windows at most once a window, so that many addresses cannot fill memory. */
  function prune(clock: number) {
    if (clock < pruneAt) return;
    pruneAt = clock + windowMs;
    for (const [bucket, until] of lockedUntil) if (until <= clock) lockedUntil.delete(bucket);
    // Pruning is housekeeping: a store that is away now is pruned next time.
    counter.prune(clock).catch(() => undefined);
  }

  return {
    check(c) {
      if (lockedUntil.size === 0) return;
      const clock = now();
      prune(clock);
      const until = lockedUntil.get(addressBucket(clientAddress(c)));
      if (until !== undefined && until > clock) throw locked(until, clock);
    },
    async recordFailure(c) {
      const bucket = addressBucket(clientAddress(c));
      const clock = now();
      prune(clock);
      const { hits, resetAt } = await counter.increment(`failed-key:${bucket}`, windowMs, clock).catch(() => {
        throw storeUnavailable("failed_api_keys");
      });
      if (hits >= limit) lockedUntil.set(bucket, resetAt);
      // Attempts that raced past the check while the limit was reached get the lock's answer too.
      if (hits > limit) throw locked(resetAt, clock);
    },
  };
}
