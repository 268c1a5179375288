import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Storage } from "./db/storage";
import { createLogger, type Logger } from "./lib/logger";
import { createMetrics } from "./lib/metrics";
import { registerComponents } from "./lib/openapi-document";
import { isApiPath } from "./lib/faces";
import { ApiError } from "./lib/problem";
import type { AppEnv } from "./lib/types";
import { onError, onNotFound } from "./middleware/errors";
import { failedKeyLimit } from "./middleware/failed-key-limit";
import { pageError, pageNotFound } from "./pages/errors";
import { pagesRouter } from "./pages";
import { requestLog } from "./middleware/request-log";
import { apiRouter } from "./routes/api";
import { systemRouter } from "./routes/system/system.index";
import { createServices } from "./services";
import type { Settings } from "./settings";

export interface AppDeps {
  settings: Settings;
  storage: Storage;
  /** The clock every rule reads; tests freeze it. */
  now?: () => number;
  logger?: Logger;
}

/** The database is out of reach (PostgreSQL down, or SQLite's write lock held past the busy timeout). */
const storageUnavailable = () =>
  new ApiError("service_unavailable", "The reservation store cannot be reached right now. Please try again in a few seconds.", {
    headers: { "Retry-After": "5" },
  });

export function createApp({ settings, storage, now = Date.now, logger = createLogger("silent") }: AppDeps) {
  const services = createServices({ repo: storage.repo, settings, now }, storage.accounts, storage.jobs);
  const metrics = createMetrics(() => storage.jobs.outboxDepth(), () => storage.jobs.restaurantDataFailing());
  const app = new OpenAPIHono<AppEnv>({ strict: true });

  app.use(requestId());
  app.use(secureHeaders());
  if (settings.server.corsOrigins.length > 0) {
    const origins = settings.server.corsOrigins;
    app.use(cors({ origin: origins.includes("*") ? "*" : origins, exposeHeaders: ["Location", "ETag", "Retry-After", "RateLimit", "RateLimit-Policy", "X-Request-Id"] }));
  }
  app.use(metrics.registerMetrics);
  app.use(requestLog(logger));
  app.use(async (c, next) => {
    c.set("services", services);
    await next();
  });

  const failedAttempts = failedKeyLimit({
    counter: storage.hitCounter,
    ...settings.rateLimit.failedKeysPerAddress,
    now,
    onLocked: () => metrics.rateLimited.inc({ limit: "failed_api_keys" }),
  });
  app.route("/", systemRouter(app, { settings, ready: storage.ready, metrics, failedAttempts }));
  app.route("/api/v1", apiRouter({ settings, storage, metrics, now, failedAttempts }));
  app.route("/", pagesRouter({ settings, hitCounter: storage.hitCounter, now, onLimited: (limit) => metrics.rateLimited.inc({ limit }) }));
  registerComponents(app);
  // Errors by face: problem+json for the API, a page in the site's layout for a guest. A path
  // that is neither is answered as its client reads: a page for a browser, a problem otherwise.
  const apiNotFound = onNotFound(app);
  const apiError = onError(logger);
  const guestError = pageError(logger);
  const wantsPage = (c: Context<AppEnv>) => !isApiPath(c.req.path) && (c.req.header("accept") ?? "").includes("text/html");
  app.notFound((c) => (wantsPage(c) ? pageNotFound(c) : apiNotFound(c)));
  app.onError((thrown, c) => {
    const error = storage.isUnavailable(thrown) ? storageUnavailable() : thrown;
    return isApiPath(c.req.path) ? apiError(error, c) : guestError(error, c);
  });
  return { app, services };
}
