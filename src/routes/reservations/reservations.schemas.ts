import { z } from "@hono/zod-openapi";
import { guestCount as guestCountRule, guestFieldRules, NAME_CHARACTERS, seatingTime } from "../../domain/guest-fields";
import { isOffsetDateTime } from "../../domain/local-time";
import { reservationStates } from "../../domain/reservation-status";
import { pageOf, PageQuerySchema, rule, trimmedLength } from "../../lib/openapi";

// The rules are the domain's; the spec adds its examples and descriptions.
const guestFields = {
  firstName: guestFieldRules.firstName.openapi({ example: "Ada", ...trimmedLength(1, 15, NAME_CHARACTERS) }),
  lastName: guestFieldRules.lastName.openapi({ example: "Lovelace", ...trimmedLength(1, 15, NAME_CHARACTERS) }),
  phone: guestFieldRules.phone.openapi({ description: "Any usual notation of a number in the configured region.", example: "(415) 555-2671" }),
  email: guestFieldRules.email.openapi({ example: "ada@example.com" }),
  receiveEmailUpdates: guestFieldRules.receiveEmailUpdates.openapi({ description: "Default true." }),
  receivePhoneCall: guestFieldRules.receivePhoneCall.openapi({ description: "Default true." }),
  receiveTextNotification: guestFieldRules.receiveTextNotification.openapi({ description: "Default false." }),
  occasion: guestFieldRules.occasion.openapi({ description: "Free text without control characters, at most 20 characters once trimmed.", example: "birthday", ...trimmedLength(0, 20) }),
};

const dateField = seatingTime.openapi({
  description: "The seating time. Without an offset it is the restaurant's local time (the first one, if the clocks go back).",
  example: "2099-06-18T19:00:00-07:00",
});

const guestCount = guestCountRule.openapi({ description: "From 1 to the restaurant's maxPartySize.", example: 4 });

export const ReservationCreateSchema = z
  .strictObject({ restaurantId: z.string({ error: "must be a string" }).openapi({ example: "786fe295-d5a8-8d46-8c1c-c836a0166c37" }), ...guestFields, date: dateField, guestCount })
  .openapi("ReservationCreate");

export const ReservationPatchSchema = z
  .strictObject({
    firstName: guestFields.firstName.optional(),
    lastName: guestFields.lastName.optional(),
    phone: guestFields.phone.optional(),
    email: guestFields.email,
    receiveEmailUpdates: guestFields.receiveEmailUpdates,
    receivePhoneCall: guestFields.receivePhoneCall,
    receiveTextNotification: guestFields.receiveTextNotification,
    occasion: guestFields.occasion,
    date: dateField.optional(),
    guestCount: guestCount.optional(),
  })
  .openapi("ReservationPatch", { description: "Any subset of the writable fields. Status, ids and timestamps are not writable." });

const timestamp = (description: string) => z.string().openapi({ description, example: "2026-11-28T17:04:05.123Z" });

export const ReservationSchema = z
  .object({
    id: z.string().openapi({ example: "019ac9a4-6f2e-7c3b-8a1d-4e5f6a7b8c9d" }),
    restaurantId: z.string().openapi({ example: "786fe295-d5a8-8d46-8c1c-c836a0166c37" }),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().openapi({ description: "The national number.", example: "4155552671" }),
    email: z.string().nullable(),
    receiveEmailUpdates: z.boolean(),
    receivePhoneCall: z.boolean(),
    receiveTextNotification: z.boolean(),
    occasion: z.string().nullable(),
    date: z.string().openapi({ description: "RFC 3339 with the restaurant's local offset.", example: "2099-12-18T19:00:00-08:00" }),
    guestCount: z.number().int(),
    status: z.number().int().min(0).max(4).openapi({ description: "0 upcoming, 1 guest is here, 2 guest has left, 3 missed, 4 cancelled." }),
    state: z.enum(reservationStates),
    statusChangedAt: timestamp("When the status last changed, including a change the clock made."),
    createdAt: timestamp("RFC 3339, UTC."),
    updatedAt: timestamp("RFC 3339, UTC."),
  })
  .openapi("Reservation");

export const ReservationPageSchema = pageOf(ReservationSchema, "ReservationPage");

export const ReservationIdParamSchema = z.object({
  reservationId: z.string().openapi({ param: { name: "reservationId", in: "path" }, example: "019ac9a4-6f2e-7c3b-8a1d-4e5f6a7b8c9d" }),
});

const instantFilter = (description: string) =>
  z
    .string()
    .refine(isOffsetDateTime, rule("invalid_format", "must be an RFC 3339 date-time with an offset, e.g. 2026-12-18T00:00:00Z"))
    .optional()
    .openapi({ description, example: "2099-12-18T00:00:00Z" });

export const ReservationListQuerySchema = PageQuerySchema.extend({
  restaurantId: z.string().optional().openapi({ example: "786fe295-d5a8-8d46-8c1c-c836a0166c37" }),
  state: z.enum(reservationStates, { error: `must be one of ${reservationStates.join(", ")}` }).optional(),
  from: instantFilter("Seating at or after this instant."),
  to: instantFilter("Seating before this instant."),
  phone: z.string().optional().openapi({ description: "Any accepted phone notation.", example: "415-555-2671" }),
});
