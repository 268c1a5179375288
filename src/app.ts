import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Repository } from "./db/repository";
import { createRouter } from "./lib/create-router";
import { createLogger, type Logger } from "./lib/logger";
import { registerSecuritySchemes } from "./lib/openapi-document";
import type { AppEnv } from "./lib/types";
import { apiKeyAuth } from "./middleware/api-key";
import { onError, onNotFound } from "./middleware/errors";
import { limitBody, requireJson } from "./middleware/json-body";
import { requestLog } from "./middleware/request-log";
import reservations from "./routes/reservations/reservations.index";
import restaurants from "./routes/restaurants/restaurants.index";
import { systemRouter } from "./routes/system/system.index";
import { createServices } from "./services";
import type { Settings } from "./settings";

export interface AppDeps {
  settings: Settings;
  repo: Repository;
  /** The clock every rule reads; tests freeze it. */
  now?: () => number;
  logger?: Logger;
}

export function createApp({ settings, repo, now = Date.now, logger = createLogger("silent") }: AppDeps) {
  const services = createServices({ repo, settings, now });
  const app = new OpenAPIHono<AppEnv>({ strict: true });

  app.use(requestId());
  app.use(secureHeaders());
  app.use(requestLog(logger));
  app.use(async (c, next) => {
    c.set("services", services);
    await next();
  });

  const api = createRouter();
  api.use(apiKeyAuth(settings.apiKeys));
  api.use(requireJson);
  api.use(limitBody(settings.server.bodyLimitBytes));
  api.route("/", restaurants);
  api.route("/", reservations);

  app.route("/", systemRouter(app));
  app.route("/api/v1", api);
  registerSecuritySchemes(app);
  app.notFound(onNotFound(app));
  app.onError(onError(logger));
  return { app, services };
}
