import { OpenAPIHono } from "@hono/zod-openapi";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Storage } from "./db/storage";
import { createLogger, type Logger } from "./lib/logger";
import { createMetrics } from "./lib/metrics";
import { registerComponents } from "./lib/openapi-document";
import type { AppEnv } from "./lib/types";
import { onError, onNotFound } from "./middleware/errors";
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

export function createApp({ settings, storage, now = Date.now, logger = createLogger("silent") }: AppDeps) {
  const services = createServices({ repo: storage.repo, settings, now }, storage.jobs);
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

  app.route("/", systemRouter(app, { settings, ready: storage.ready, metrics }));
  app.route("/api/v1", apiRouter({ settings, storage, metrics, now }));
  registerComponents(app);
  app.notFound(onNotFound(app));
  app.onError(onError(logger));
  return { app, services };
}
