import { DeliveryError } from "../sender";

/**
 * One HTTP call to a provider, with a timeout, classified for the outbox: a network error, a
 * timeout, a 429 or a 5xx may be retried (after Retry-After, if the provider sent one); any
 * other 4xx is permanent. Errors name the provider and the status, never the URL or headers
 * (they may hold secrets); the caller redacts the answer's text too.
 */
export async function callOut(provider: string, url: string, init: RequestInit & { timeoutMs: number }): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs), redirect: "error" });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    throw new DeliveryError(`${provider}: ${timedOut ? `no answer within ${init.timeoutMs} ms` : "network error"}`, false);
  }
  if (response.ok) return response;
  const body = (await response.text().catch(() => "")).slice(0, 200);
  const retryable = response.status === 429 || response.status >= 500;
  throw new DeliveryError(`${provider}: HTTP ${response.status}${body ? `: ${body}` : ""}`, !retryable, retryAfterMs(response.headers.get("retry-after")));
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
