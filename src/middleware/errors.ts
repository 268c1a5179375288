import type { Context, ErrorHandler, Hono, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "../lib/logger";
import { ApiError, type ProblemCode } from "../lib/problem";
import type { AppEnv } from "../lib/types";

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.extras.headers ?? {})) c.header(name, value);
  return c.body(JSON.stringify(error.toBody(c.var.requestId)), error.status as 400, {
    "Content-Type": "application/problem+json",
  });
}

const fromHttpStatus: Record<number, ProblemCode> = { 400: "malformed_json", 401: "unauthorized", 404: "not_found", 413: "payload_too_large", 415: "unsupported_media_type" };

/** Everything thrown becomes a problem; the unexpected ones are logged with their stack, not shown. */
export function onError(logger: Logger): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof ApiError) return problemResponse(c, error);
    if (error instanceof HTTPException && fromHttpStatus[error.status]) {
      const code = fromHttpStatus[error.status]!;
      const detail = code === "malformed_json" ? "The body is not valid JSON." : error.message;
      return problemResponse(c, new ApiError(code, detail));
    }
    logger.error("unhandled error", { requestId: c.var.requestId, route: c.req.routePath, error: String(error), stack: (error as Error).stack });
    return problemResponse(c, new ApiError("internal_error", "Something went wrong on our side. Quote the request id when you report it."));
  };
}

/** 404 for a path nobody serves; 405 with `Allow` for a path served under other methods. */
export function onNotFound(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let routes: Array<{ pattern: RegExp; method: string }> | undefined;
  return (c) => {
    routes ??= app.routes
      .filter((route) => route.method !== "ALL")
      .map((route) => ({
        method: route.method,
        pattern: new RegExp(`^${route.path.replace(/\/:[^/]+/g, "/[^/]+").replace(/\/\*$/, "(/.*)?")}/?$`),
      }));
    const allowed = [...new Set(routes.filter((route) => route.pattern.test(c.req.path)).map((route) => route.method))];
    if (allowed.length > 0) {
      if (allowed.includes("GET")) allowed.push("HEAD");
      return problemResponse(
        c,
        new ApiError("method_not_allowed", `${c.req.method} is not allowed here; use ${allowed.join(", ")}.`, { headers: { Allow: allowed.join(", ") } }),
      );
    }
    return problemResponse(c, new ApiError("not_found", `Nothing is served at ${c.req.path}.`));
  };
}
