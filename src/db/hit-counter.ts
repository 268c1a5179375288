/**
 * Fixed-window hit counters for rate limits. Each call answers with its own numbers, so that
 * concurrent callers each see the count their own hit made: n hits at once answer 1 to n.
 *
 * A window opens at the first hit after the last one ended, lasts `windowMs` from that hit, and
 * ends at `resetAt`: a hit at `resetAt - 1` counts in it, a hit at `resetAt` opens the next one
 * (counting 1, resetting at `resetAt + windowMs` of its own). Windows are not sliding and not
 * aligned to the wall clock.
 */
export interface HitCounter {
  /** Count one hit, opening a new window if the key's last one has ended (its `resetAt` is at or before `now`). */
  increment(key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }>;
  /** Give a hit back, within the current window only, and never below zero. */
  decrement(key: string, now: number): Promise<void>;
  reset(key: string): Promise<void>;
  /** Forget windows that have ended (`resetAt` at or before `now`); answers how many. */
  prune(now: number): Promise<number>;
}

/** A counter for one process, for limits that need not survive a restart. */
export function memoryHitCounter(): HitCounter {
  const windows = new Map<string, { hits: number; resetAt: number }>();
  return {
    async increment(key, windowMs, now) {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) windows.set(key, (window = { hits: 0, resetAt: now + windowMs }));
      window.hits += 1;
      return { hits: window.hits, resetAt: window.resetAt };
    },
    async decrement(key, now) {
      const window = windows.get(key);
      if (window && window.resetAt > now && window.hits > 0) window.hits -= 1;
    },
    async reset(key) {
      windows.delete(key);
    },
    async prune(now) {
      let pruned = 0;
      for (const [key, window] of windows) if (window.resetAt <= now && windows.delete(key)) pruned += 1;
      return pruned;
    },
  };
}
