import { swaggerUI } from "@hono/swagger-ui";
import { stringify } from "yaml";
import { createRouter } from "../../lib/create-router";
import { openApiDocument } from "../../lib/openapi-document";
import type { AppRouter } from "../../lib/types";
import * as routes from "./system.routes";

/** Health and the published contract: served without an API key. */
export function systemRouter(app: AppRouter) {
  const router = createRouter();
  router.openapi(routes.healthz, (c) => c.json({ status: "ok" as const }, 200));
  let json: string | undefined;
  let yaml: string | undefined;
  // The document is built from the whole app on first request, after every route is registered.
  router.get("/openapi.json", (c) => c.body((json ??= JSON.stringify(openApiDocument(app))), 200, { "Content-Type": "application/json" }));
  router.get("/openapi.yaml", (c) => c.body((yaml ??= stringify(openApiDocument(app))), 200, { "Content-Type": "application/yaml" }));
  router.get("/docs", swaggerUI({ url: "/openapi.json", title: "Tablekeeper API" }));
  return router;
}

/** Paths the server answers that are not API operations, so the spec does not list them. */
export const undocumentedPaths = ["/openapi.json", "/openapi.yaml", "/docs"] as const;
