/**
 * Fixed-window hit counters for rate limits. Each call answers with its own numbers, so that
 * concurrent callers each see the count their own hit made.
 */
export interface HitCounter {
  /** Count one hit, opening a new window if the key's last one has ended. */
  increment(key: string, windowMs: number, now: number): Promise<{ hits: number; resetAt: number }>;
  /** Give a hit back, within the current window only. */
  decrement(key: string, now: number): Promise<void>;
  reset(key: string): Promise<void>;
  /** Forget windows that have ended. */
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
