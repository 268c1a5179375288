import { isProblem } from "./errors.js";

export interface RetryOptions {
  /** Attempts after the first one. Default 3. */
  maxRetries?: number;
  /** Waits between attempts; tests pass one that moves a fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** The wait when the answer has no Retry-After, doubled on each retry. Default 1000 ms. */
  fallbackDelayMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `fn` again while the API says "not now": a 429 (a rate limit), or a 409 `in_progress`
 * (a booking with this Idempotency-Key is still running), waiting as long as Retry-After says.
 * Any other answer, and the last attempt's answer, is returned as it is.
 *
 * A retried booking must reuse its key, so pass one yourself when a 409 `in_progress` can
 * happen; a 429 is refused before the key is looked at, so a fresh key per attempt is fine.
 */
export async function withRetry<R extends { error?: unknown; response: Response }>(
  fn: () => Promise<R>,
  { maxRetries = 3, sleep = realSleep, fallbackDelayMs = 1000 }: RetryOptions = {},
): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    const result = await fn();
    if (attempt >= maxRetries || !isRetryable(result)) return result;
    await sleep(retryDelayMs(result.response) ?? fallbackDelayMs * 2 ** attempt);
  }
}

function isRetryable({ response, error }: { error?: unknown; response: Response }): boolean {
  return response.status === 429 || (response.status === 409 && isProblem(error) && error.code === "in_progress");
}

/** Retry-After as milliseconds from `now`, in either of its forms (seconds or an HTTP date). */
function retryDelayMs(response: Response, now = Date.now()): number | undefined {
  const value = response.headers.get("Retry-After")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
