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
 * different keys are refused rather than one of them picked. Keys are compared as SHA-256
 * digests in constant time, against every configured key, so neither the timing nor the answer
 * tells a caller how close a guess was; failed attempts are limited per client address.
 */
export function apiKeyAuth(keys: readonly ApiKeyEntry[], { failedAttempts = failedKeyLimit() }: ApiKeyAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    failedAttempts.check(c);
    const presented = presentedKey(c);
    if (presented === undefined) throw new ApiError("unauthorized", "A valid API key is required.", { headers: challenge });
    const matched = presented.conflict ? undefined : matchKey(keys, presented.key);
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

function matchKey(keys: readonly ApiKeyEntry[], presented: string): ApiKeyEntry | undefined {
  const digest = sha256(presented);
  let matched: ApiKeyEntry | undefined;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && matched === undefined) matched = key;
  }
  return matched;
}
