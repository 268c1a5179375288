import type { MiddlewareHandler } from "hono";
import type { IdempotencyStore } from "../db/idempotency-store";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { sha256 } from "../settings";

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** The response headers a replay repeats. */
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

interface IdempotencyOptions {
  store: IdempotencyStore;
  ttlMs: number;
  /** How long a claim may stay in flight before a retry may take it over. */
  staleAfterMs: number;
  now: () => number;
}

/**
 * `Idempotency-Key` as Stripe and the IETF httpapi draft define it: a retry with the same key and
 * body gets the first response again; the same key with another body gets 422; a retry while the
 * first is still running gets 409. Keys are scoped to the API key and expire after `ttlMs`. As at
 * Stripe, only a success is kept: a request that was refused may be retried as it is. A key is
 * linked to what it created in the creating transaction, so a crash before the answer is stored
 * never lets a retry create it twice.
 */
export function idempotency({ store, ttlMs, staleAfterMs, now }: IdempotencyOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined) return next();
    if (!KEY_FORMAT.test(key)) {
      throw ApiError.field("Idempotency-Key", "invalid_format", "must be 1 to 255 visible ASCII characters, e.g. a UUID");
    }
    const scope = c.get("apiKeyName");
    const hash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`).toString("hex");
    const clock = now();
    const claim = await store.claim(scope, key, hash, clock, clock + ttlMs, clock - staleAfterMs);
    if (claim.outcome === "mismatch") {
      throw new ApiError("idempotency_key_reused", "This Idempotency-Key was already used for a different request.");
    }
    if (claim.outcome === "in_flight") {
      throw new ApiError("in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.", {
        headers: { "Retry-After": "1" },
      });
    }
    if (claim.outcome === "replay") {
      const { status, headers, body } = claim.response;
      return c.body(body, status as 201, { ...headers, "Idempotent-Replayed": "true" });
    }
    // The handler links what it creates to the key in its own transaction, or, when an earlier
    // request created it and died before answering, answers with that instead.
    c.set("idempotency", { scope, key, committedId: claim.outcome === "committed" ? claim.resourceId : undefined });
    try {
      await next();
    } catch (error) {
      await store.release(scope, key);
      throw error;
    }
    if (claim.outcome === "committed") c.res.headers.set("Idempotent-Replayed", "true");
    // Only a success is kept: a refused request changed nothing, so its retry runs again.
    if (c.res.status >= 300) return store.release(scope, key);
    const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (c.res.headers.has(name) ? [[name, c.res.headers.get(name)!]] : [])));
    await store.complete(scope, key, { status: c.res.status, headers, body: await c.res.clone().text() });
  };
}
