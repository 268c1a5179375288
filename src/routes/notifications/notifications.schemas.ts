import { z } from "@hono/zod-openapi";
import { notificationStates } from "../../db/job-store";
import { PageQuerySchema, pageOf } from "../../lib/openapi";

export const NotificationSchema = z
  .object({
    id: z.number().int().openapi({ example: 42 }),
    reservationId: z.string().openapi({ example: "019ac9a4-6f2e-7c3b-8a1d-4e5f6a7b8c9d" }),
    kind: z.string().openapi({ description: "reservation_created, reservation_changed, status_changed or reminder.", example: "reservation_created" }),
    channel: z.enum(["email", "sms", "voice", "webhook"]).openapi({ example: "sms" }),
    subscriber: z.string().nullable().openapi({ description: "The webhook subscriber (a provider of the settings file); null on a guest channel.", example: null }),
    state: z.enum(notificationStates),
    attempts: z.number().int().openapi({ example: 8 }),
    nextAttemptAt: z.string().openapi({ description: "RFC 3339, UTC: when a pending entry is tried next.", example: "2026-12-01T12:30:00.000Z" }),
    lastError: z.string().nullable().openapi({ description: "What went wrong on the last attempt; secrets are taken out.", example: "textbelt: HTTP 503" }),
    createdAt: z.string().openapi({ example: "2026-12-01T12:00:00.000Z" }),
    updatedAt: z.string().openapi({ example: "2026-12-01T14:07:00.000Z" }),
  })
  .openapi("Notification", { description: "One message on one channel, or one event for one webhook subscriber, in the outbox." });

export const NotificationPageSchema = pageOf(NotificationSchema, "NotificationPage");

export const NotificationListQuerySchema = PageQuerySchema.extend({
  state: z
    .enum(notificationStates, { error: `must be one of ${notificationStates.join(", ")}` })
    .optional()
    .openapi({ description: "Only entries in this state; `dead` lists those given up on.", example: "dead" }),
});

export const NotificationIdParamSchema = z.object({
  notificationId: z.coerce
    .number({ error: "must be a notification id" })
    .int("must be a notification id")
    .min(1, "must be a notification id")
    .openapi({ param: { name: "notificationId", in: "path" }, example: 42 }),
});
