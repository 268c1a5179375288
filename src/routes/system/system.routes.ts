import { createRoute, z } from "@hono/zod-openapi";

export const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");

export const healthz = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/healthz",
  tags: ["System"],
  summary: "Liveness",
  description: "Answers while the process can serve requests. Needs no API key.",
  responses: {
    200: { description: "Alive", content: { "application/json": { schema: HealthSchema } } },
  },
});
