import { createRoute, z } from "@hono/zod-openapi";
import { apiSecurity, problemResponses } from "../../lib/openapi";

export const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");

export const ReadinessSchema = z
  .object({
    status: z.enum(["ready", "not_ready"]),
    checks: z.object({
      database: z.boolean().openapi({ description: "The database answers." }),
      migrations: z.boolean().openapi({ description: "Every migration has been applied." }),
    }),
  })
  .openapi("Readiness");

const tags = ["System"];

export const healthz = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/healthz",
  tags,
  summary: "Liveness",
  description: "Answers while the process can serve requests. Needs no API key.",
  security: [],
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: HealthSchema } } },
  },
});

export const readyz = createRoute({
  operationId: "getReadiness",
  method: "get",
  path: "/readyz",
  tags,
  summary: "Readiness",
  description: "Ready to take traffic: the database answers and its migrations are current. Needs no API key.",
  security: [],
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadinessSchema } } },
    503: { description: "Not ready", content: { "application/json": { schema: ReadinessSchema } } },
  },
});

export const metrics = createRoute({
  operationId: "getMetrics",
  method: "get",
  path: "/metrics",
  tags,
  summary: "Prometheus metrics",
  description:
    "Request counts and latency by route and status, rate-limit rejections and the outbox depth, in the Prometheus text format. Takes the METRICS_TOKEN (or, when no token is set, any API key) as a bearer token or in X-API-Key.",
  // The same two forms as the API: the token (or key) as a bearer token or in X-API-Key.
  security: apiSecurity,
  responses: {
    200: { description: "The metrics", content: { "text/plain": { schema: z.string() } } },
    ...problemResponses(401, 429),
  },
});
