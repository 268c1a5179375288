import type { Storage } from "../db/storage";
import { createRouter } from "../lib/create-router";
import type { Metrics } from "../lib/metrics";
import { apiKeyAuth } from "../middleware/api-key";
import type { FailedKeyLimit } from "../middleware/failed-key-limit";
import { idempotency } from "../middleware/idempotency";
import { limitBody, requireJson } from "../middleware/json-body";
import { limitRequests, limitStatusChanges } from "../middleware/rate-limit";
import type { Settings } from "../settings";
import notifications from "./notifications/notifications.index";
import reservationStatus from "./reservation-status/status.index";
import reservations from "./reservations/reservations.index";
import restaurants from "./restaurants/restaurants.index";

interface ApiDeps {
  settings: Settings;
  storage: Storage;
  metrics: Metrics;
  now: () => number;
  /** Shared with /metrics, so that guesses there count against the same address. */
  failedAttempts: FailedKeyLimit;
}

/** `/api/v1`: authenticated, rate limited, JSON in and out. */
export function apiRouter({ settings, storage, metrics, now, failedAttempts }: ApiDeps) {
  const api = createRouter();
  api.use(apiKeyAuth(settings.apiKeys, { failedAttempts }));
  // The limits come before any other check: over a limit, the answer is 429 whatever the request.
  if (settings.rateLimit.apiPerMinute > 0) {
    api.use(
      limitRequests({
        name: "api_key",
        counter: storage.requestCounter,
        limit: settings.rateLimit.apiPerMinute,
        windowMs: 60_000,
        now,
        key: (c) => `api:${c.get("apiKeyName")}`,
        describe: "requests for this API key",
        onLimited: () => metrics.rateLimited.inc({ limit: "api_key" }),
      }),
    );
  }
  api.on(
    "PUT",
    "/reservations/:reservationId/status",
    limitStatusChanges({
      counter: storage.hitCounter,
      rule: settings.rateLimit.statusChanges,
      now,
      reservationId: (c) => c.req.param("reservationId") ?? "",
      onLimited: () => metrics.rateLimited.inc({ limit: "status_change" }),
    }),
  );
  // Operations that take no body at all (POST …/retry is an action), before the body rules.
  api.route("/", notifications);
  api.use(requireJson);
  api.use(limitBody(settings.server.bodyLimitBytes));
  api.on("POST", "/reservations", idempotency({ store: storage.idempotency, ttlMs: settings.idempotencyKeyTtlMs, staleAfterMs: 60_000, now }));
  api.route("/", restaurants);
  api.route("/", reservations);
  api.route("/", reservationStatus);
  return api;
}
