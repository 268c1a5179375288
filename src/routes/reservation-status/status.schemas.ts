import { z } from "@hono/zod-openapi";
import { actorKinds } from "../../domain/actor";
import { changeReason } from "../../domain/guest-fields";
import { reservationStates, statusOf } from "../../domain/reservation-status";
import { pageOf, trimmedLength } from "../../lib/openapi";

const stateEnum = z.enum(reservationStates, { error: `must be one of ${reservationStates.join(", ")}` });

export const StatusChangeSchema = z
  .strictObject({
    status: z
      .number({ error: "must be a status code from 0 to 4" })
      .int("must be a status code from 0 to 4")
      .min(0, "must be a status code from 0 to 4")
      .max(4, "must be a status code from 0 to 4")
      .optional()
      .openapi({ example: 1 }),
    state: stateEnum.optional().openapi({ example: "guest_here" }),
    reason: changeReason.optional().openapi({ description: "Free text without control characters, 1 to 200 characters once trimmed.", example: "guest called to cancel", ...trimmedLength(1, 200) }),
  })
  .superRefine((body, ctx) => {
    if (body.status === undefined && body.state === undefined) {
      ctx.addIssue({ code: "custom", path: ["status"], params: { rule: "required" }, message: "give the new status as `status` (0-4) or `state` (its name)" });
    } else if (body.status !== undefined && body.state !== undefined && statusOf(body.state) !== body.status) {
      ctx.addIssue({ code: "custom", path: ["state"], params: { rule: "conflicting" }, message: "names a different status than `status`" });
    }
  })
  .openapi("StatusChange", {
    description: "The requested status, as a code or a name. 0 upcoming, 1 guest is here, 2 guest has left, 3 missed, 4 cancelled.",
  });

export const StatusLogEntrySchema = z
  .object({
    from: stateEnum.nullable().openapi({ description: "Null for the entry that records the booking." }),
    to: stateEnum,
    at: z.string().openapi({ description: "RFC 3339, UTC. An automatic change is dated at its threshold.", example: "2026-12-18T03:15:00.000Z" }),
    actor: z.string().openapi({
      description: "Who made the change: the API key's name, `system` for the clock, `guest:<account id>` or `guest link` for a guest.",
      example: "frontdesk",
    }),
    actorType: z.enum(actorKinds).openapi({
      description: "`api_key` (a venue's system), `guest` (a signed-in guest), `link_holder` (a guest through the reservation's private link) or `system` (the clock).",
      example: "api_key",
    }),
    reason: z.string().openapi({ example: "changed by staff" }),
  })
  .openapi("StatusLogEntry");

export const StatusLogPageSchema = pageOf(StatusLogEntrySchema, "StatusLogPage");
