import { OpenAPIHono } from "@hono/zod-openapi";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { type HitCounter, memoryHitCounter } from "./db/hit-counter";
import type { IdempotencyStore } from "./db/idempotency-store";
import type { Repository } from "./db/repository";
import { createRouter } from "./lib/create-router";
import { createLogger, type Logger } from "./lib/logger";
import { registerSecuritySchemes } from "./lib/openapi-document";
import type { AppEnv } from "./lib/types";
import { apiKeyAuth } from "./middleware/api-key";
import { onError, onNotFound } from "./middleware/errors";
import { idempotency } from "./middleware/idempotency";
import { limitBody, requireJson } from "./middleware/json-body";
import { limitRequests } from "./middleware/rate-limit";
import { requestLog } from "./middleware/request-log";
import reservationStatus from "./routes/reservation-status/status.index";
import reservations from "./routes/reservations/reservations.index";
import restaurants from "./routes/restaurants/restaurants.index";
import { systemRouter } from "./routes/system/system.index";
import { createServices } from "./services";
import type { Settings } from "./settings";

export interface AppDeps {
  settings: Settings;
  repo: Repository;
  /** Where rate-limit windows are counted; state changes must survive a restart. */
  hitCounter: HitCounter;
  idempotency: IdempotencyStore;
  /** The clock every rule reads; tests freeze it. */
  now?: () => number;
  logger?: Logger;
}

export function createApp({ settings, repo, hitCounter, idempotency: idempotencyStore, now = Date.now, logger = createLogger("silent") }: AppDeps) {
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
  // The limits come before any other check: over a limit, the answer is 429 whatever the request.
  if (settings.rateLimit.apiPerMinute > 0) {
    api.use(
      limitRequests({
        counter: memoryHitCounter(),
        limit: settings.rateLimit.apiPerMinute,
        windowMs: 60_000,
        now,
        key: (c) => `api:${c.var.apiKeyName}`,
        describe: "requests for this API key",
      }),
    );
  }
  api.on(
    "PUT",
    "/reservations/:reservationId/status",
    limitRequests({
      counter: hitCounter,
      ...settings.rateLimit.statusChanges,
      now,
      key: (c) => `status:${c.req.param("reservationId")}`,
      refundFailures: true,
      describe: "status changes for this reservation",
    }),
  );
  api.use(requireJson);
  api.use(limitBody(settings.server.bodyLimitBytes));
  api.on(
    "POST",
    "/reservations",
    idempotency({ store: idempotencyStore, ttlMs: settings.idempotencyKeyTtlMs, staleAfterMs: 60_000, now }),
  );
  api.route("/", restaurants);
  api.route("/", reservations);
  api.route("/", reservationStatus);

  app.route("/", systemRouter(app));
  app.route("/api/v1", api);
  registerSecuritySchemes(app);
  app.notFound(onNotFound(app));
  app.onError(onError(logger));
  return { app, services };
}
