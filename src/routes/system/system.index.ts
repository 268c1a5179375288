import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { swaggerUI } from "@hono/swagger-ui";
import type { MiddlewareHandler } from "hono";
import type { Readiness } from "../../db/storage";
import { createRouter } from "../../lib/create-router";
import type { Metrics } from "../../lib/metrics";
import { openApiDocument, openApiYaml } from "../../lib/openapi-document";
import type { AppEnv, AppRouter } from "../../lib/types";
import { apiKeyAuth } from "../../middleware/api-key";
import type { FailedKeyLimit } from "../../middleware/failed-key-limit";
import { type ApiKeyEntry, type Settings, sha256 } from "../../settings";
import * as routes from "./system.routes";

interface SystemDeps {
  settings: Settings;
  ready: () => Promise<Readiness>;
  metrics: Metrics;
  failedAttempts: FailedKeyLimit;
}

/** Health, metrics and the published contract. Only the metrics need a key. */
export function systemRouter(app: AppRouter, { settings, ready, metrics, failedAttempts }: SystemDeps) {
  const router = createRouter();
  router.openapi(routes.healthz, (c) => c.json({ status: "ok" as const }, 200));
  router.openapi(routes.readyz, async (c) => {
    const checks = await ready();
    const isReady = checks.database && checks.migrations;
    return isReady ? c.json({ status: "ready" as const, checks }, 200) : c.json({ status: "not_ready" as const, checks }, 503);
  });
  router.use("/metrics", metricsAuth(settings, failedAttempts));
  router.openapi(routes.metrics, async (c) => (await metrics.printMetrics(c)) as never);

  let json: string | undefined;
  let yaml: string | undefined;
  // The document is built from the whole app on first request, after every route is registered.
  router.get("/openapi.json", (c) => c.body((json ??= JSON.stringify(openApiDocument(app))), 200, { "Content-Type": "application/json" }));
  router.get("/openapi.yaml", (c) => c.body((yaml ??= openApiYaml(app)), 200, { "Content-Type": "application/yaml" }));
  // Swagger UI's own files are served from the swagger-ui-dist package, not a CDN, so /docs works
  // on a network that reaches nothing outside.
  router.get("/docs", swaggerUI({ url: "/openapi.json", title: "Tablekeeper API", baseUrl: "/docs/assets" }));
  router.get(SWAGGER_ASSET_PATH, (c) => {
    const file = c.req.param("file");
    return c.body(Bun.file(join(swaggerUiDist, file)).stream(), 200, {
      "Content-Type": file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    });
  });
  return router;
}

/** The metrics token when one is set, or else any API key. */
function metricsAuth(settings: Settings, failedAttempts: FailedKeyLimit): MiddlewareHandler<AppEnv> {
  const keys: ApiKeyEntry[] = settings.metricsToken ? [{ name: "metrics", sha256: sha256(settings.metricsToken), scopes: [], restaurants: null }] : settings.apiKeys;
  return apiKeyAuth(keys, { failedAttempts });
}

const SWAGGER_ASSET_PATH = "/docs/assets/swagger-ui-dist/:file{swagger-ui\\.css|swagger-ui-bundle\\.js}";
const swaggerUiDist = dirname(fileURLToPath(import.meta.resolve("swagger-ui-dist/package.json")));

/** Paths the server answers that are not API operations, so the spec does not list them. */
export const undocumentedPaths = ["/openapi.json", "/openapi.yaml", "/docs", SWAGGER_ASSET_PATH] as const;
