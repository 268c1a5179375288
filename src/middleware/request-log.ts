import type { MiddlewareHandler } from "hono";
import type { Logger } from "../lib/logger";
import type { AppEnv } from "../lib/types";

/** One line per request: who asked for what, and how it went. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      apiKey: c.get("apiKeyName"),
    });
  };
}
