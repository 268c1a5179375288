import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { type ApiKeyEntry, sha256 } from "../settings";
import { type FailedKeyLimit, failedKeyLimit } from "./failed-key-limit";

const challenge = { "WWW-Authenticate": 'Bearer realm="tablekeeper"' };

interface ApiKeyAuthOptions {
  /** Shared by every apiKeyAuth that guards the same keys; one of its own unless given. */
  failedAttempts?: FailedKeyLimit;
}

/**
 * Accepts `Authorization: Bearer <key>` or `X-API-Key: <key>`, or both carrying the same key; two
 * different keys are refused rather than one of them picked. Keys are found by their SHA-256
 * digest (see `matchKey`), so neither the timing nor the answer tells a caller how close a guess
 * was; failed attempts are limited per client address.
 */
export function apiKeyAuth(keys: readonly ApiKeyEntry[], { failedAttempts = failedKeyLimit() }: ApiKeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  const byDigest = new Map(keys.map((key) => [key.sha256.toString("hex"), key]));
  return async (c, next) => {
    failedAttempts.check(c);
    const presented = presentedKey(c);
    if (presented === undefined) throw new ApiError("unauthorized", "A valid API key is required.", { headers: challenge });
    const matched = presented.conflict ? undefined : matchKey(byDigest, presented.key);
    if (!matched) {
      await failedAttempts.recordFailure(c);
      const detail = presented.conflict ? "Authorization and X-API-Key carry different API keys; send one key." : "A valid API key is required.";
      throw new ApiError("unauthorized", detail, { headers: challenge });
    }
    c.set("apiKeyName", matched.name);
    c.set("apiKey", { name: matched.name, scopes: matched.scopes, restaurants: matched.restaurants });
    await next();
  };
}

function presentedKey(c: Context): { key: string; conflict?: never } | { conflict: true; key?: never } | undefined {
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const header = c.req.header("x-api-key") || undefined;
  if (bearer !== undefined && header !== undefined && bearer !== header) return { conflict: true };
  const key = bearer ?? header;
  return key === undefined ? undefined : { key };
}

/**
 * One map read on the presented key's SHA-256, computed once. The map is keyed by digests, so
 * the time a lookup takes depends on the hash of the guess, which tells a guesser nothing about
 * any key; the digests found are then compared in constant time all the same.
 */
function matchKey(byDigest: ReadonlyMap<string, ApiKeyEntry>, presented: string): ApiKeyEntry | undefined {
  const digest = sha256(presented);
  const candidate = byDigest.get(digest.toString("hex"));
  return candidate && timingSafeEqual(digest, candidate.sha256) ? candidate : undefined;
}
