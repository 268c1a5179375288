import { requires } from "../../middleware/scope";
import { createRoute } from "@hono/zod-openapi";
import { apiSecurity, commonProblems, problemResponses } from "../../lib/openapi";
import { NotificationIdParamSchema, NotificationListQuerySchema, NotificationPageSchema, NotificationSchema } from "./notifications.schemas";

const tags = ["Notifications"];

export const listNotifications = createRoute({
  operationId: "listNotifications",
  method: "get",
  path: "/notifications",
  tags,
  security: apiSecurity,
  ...requires("notifications", { everyVenue: true }),
  summary: "List outbox entries",
  description:
    "The outbox, one entry per message and channel or webhook subscriber, oldest first. `?state=dead` lists the entries given up on after the last attempt (or at once, when the provider refused them for good), each with its reservation, channel or subscriber, attempts and last error.",
  request: { query: NotificationListQuerySchema },
  responses: {
    200: { description: "A page of outbox entries", content: { "application/json": { schema: NotificationPageSchema } } },
    ...problemResponses(403, 422, ...commonProblems),
  },
});

export const retryNotification = createRoute({
  operationId: "retryNotification",
  method: "post",
  path: "/notifications/{notificationId}/retry",
  tags,
  security: apiSecurity,
  ...requires("notifications", { everyVenue: true }),
  summary: "Queue a dead entry again",
  description: "Sets a dead entry back to pending with fresh attempts, due at once; it keeps its idempotency key. Only a dead entry can be retried (409 otherwise).",
  request: { params: NotificationIdParamSchema },
  responses: {
    200: { description: "The entry, pending again", content: { "application/json": { schema: NotificationSchema } } },
    ...problemResponses(403, 404, 409, 422, ...commonProblems),
  },
});
