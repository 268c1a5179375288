import type { Context, ErrorHandler, Hono, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { METHOD_NAME_ALL } from "hono/router";
import { TrieRouter } from "hono/router/trie-router";
import type { Logger } from "../lib/logger";
import { ApiError, type ProblemCode } from "../lib/problem";
import type { AppEnv } from "../lib/types";

export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.extras.headers ?? {})) c.header(name, value);
  return c.body(JSON.stringify(error.toBody(c.get("requestId"))), error.status as 400, {
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
    logger.error("unhandled error", { requestId: c.get("requestId"), route: c.req.routePath, error: String(error), stack: (error as Error).stack });
    return problemResponse(c, new ApiError("internal_error", "Something went wrong on our side. Quote the request id when you report it."));
  };
}

/**
 * 404 for a path nobody serves; 405 with `Allow` only for a path that exists, exactly as asked
 * (no trailing slash added or dropped), under other methods. The app's own routes are matched
 * by Hono's router, so parameters, patterns and wildcards mean what they mean to the app; routes
 * registered for every method (middleware) say nothing about which methods a path has.
 */
export function onNotFound(app: Hono<AppEnv>): NotFoundHandler<AppEnv> {
  let routes: { router: TrieRouter<string>; methods: string[] } | undefined;
  return (c) => {
    routes ??= methodRouter(app);
    const { router, methods } = routes;
    const served = (method: string) => router.match(method, c.req.path)[0].length > 0;
    // HEAD is answered by the GET route; a path served for the method used is a 404 from its handler.
    const asked = c.req.method === "HEAD" ? "GET" : c.req.method;
    const allowed = served(asked) ? [] : methods.filter(served);
    if (allowed.length === 0) return problemResponse(c, new ApiError("not_found", `Nothing is served at ${c.req.path}.`));
    if (allowed.includes("GET") && !allowed.includes("HEAD")) allowed.push("HEAD");
    return problemResponse(
      c,
      new ApiError("method_not_allowed", `${c.req.method} is not allowed here; use ${allowed.join(", ")}.`, { headers: { Allow: allowed.join(", ") } }),
    );
  };
}

/** Built on the first miss, when every route of the app has been registered. */
function methodRouter(app: Hono<AppEnv>) {
  const router = new TrieRouter<string>();
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === METHOD_NAME_ALL) continue;
    router.add(route.method, route.path, route.method);
    methods.add(route.method);
  }
  return { router, methods: [...methods] };
}
