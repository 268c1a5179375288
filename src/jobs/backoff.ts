/**
 * When to try a failed call out again: exponential backoff from `baseMs` (doubling with each
 * failure), with jitter (between half and all of it, so that many failures at once do not come
 * back at once), at most `capMs`, and never sooner than the provider's Retry-After.
 */
export function retryDelay(failures: number, options: { baseMs: number; random: () => number; retryAfterMs?: number; capMs?: number }): number {
  const backoff = Math.min(options.capMs ?? Number.POSITIVE_INFINITY, options.baseMs * 2 ** (failures - 1) * (0.5 + options.random() / 2));
  return Math.round(Math.max(backoff, options.retryAfterMs ?? 0));
}
