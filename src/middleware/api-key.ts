import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../lib/problem";
import type { AppEnv } from "../lib/types";
import { type ApiKeyEntry, sha256 } from "../settings";

const challenge = { "WWW-Authenticate": 'Bearer realm="tablekeeper"' };

/**
 * Accepts `Authorization: Bearer <key>` or `X-API-Key: <key>`. Keys are compared as SHA-256
 * digests in constant time, against every configured key, so neither the timing nor the answer
 * tells a caller how close a guess was.
 */
export function apiKeyAuth(keys: readonly ApiKeyEntry[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const authorization = c.req.header("authorization");
    const presented = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? c.req.header("x-api-key");
    const name = presented ? matchKey(keys, presented) : undefined;
    if (!name) throw new ApiError("unauthorized", "A valid API key is required.", { headers: challenge });
    c.set("apiKeyName", name);
    await next();
  };
}

function matchKey(keys: readonly ApiKeyEntry[], presented: string): string | undefined {
  const digest = sha256(presented);
  let name: string | undefined;
  for (const key of keys) {
    if (timingSafeEqual(digest, key.sha256) && name === undefined) name = key.name;
  }
  return name;
}
