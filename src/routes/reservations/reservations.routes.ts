import { requires } from "../../middleware/scope";
import { createRoute, z } from "@hono/zod-openapi";
import { apiSecurity, bodyProblems, commonProblems, jsonBody, problemResponses } from "../../lib/openapi";
import {
  ReservationCreateSchema,
  ReservationIdParamSchema,
  ReservationListQuerySchema,
  ReservationPageSchema,
  ReservationPatchSchema,
  ReservationSchema,
} from "./reservations.schemas";

const tags = ["Reservations"];
const reservationJson = { "application/json": { schema: ReservationSchema } };
const etagHeader = { ETag: { description: "Send back as If-Match to change only this version.", required: true, schema: { type: "string" as const } } };
const ifMatchHeaders = z.object({
  "if-match": z.string().optional().openapi({
    description: "An ETag from a GET. Optional: without it the change applies to whatever is current.",
  }),
});

export const createReservation = createRoute({
  operationId: "createReservation",
  method: "post",
  path: "/reservations",
  tags,
  security: apiSecurity,
  ...requires("reservations"),
  summary: "Book a table",
  description:
    "Creates an upcoming reservation if the party fits for the whole dining time. Only a lack of room is a 409; a date off the restaurant's seatings is a 422.",
  request: {
    headers: z.object({
      "idempotency-key": z.string().optional().openapi({
        description:
          "Optional, and recommended: a unique value (a UUID) per booking, of 1 to 255 visible ASCII characters (422 otherwise). A retry with the same key and body gets the first 201 again and books nothing new; the same key with another body gets 422; a retry while the first is still running gets 409. Only a success is kept, so a refused booking may be retried as it is. Keys last 24 hours (IDEMPOTENCY_KEY_TTL_HOURS).",
        example: "5f0c6f1e-8d8a-4f3e-9a55-0d6b1f1c9e2a",
        // The rule the idempotency middleware enforces (KEY_FORMAT), stated for clients.
        pattern: "^[\\x21-\\x7E]{1,255}$",
        minLength: 1,
        maxLength: 255,
      }),
    }),
    body: jsonBody(ReservationCreateSchema, "The reservation to make"),
  },
  responses: {
    201: {
      description: "Booked (or, for a retry with the same Idempotency-Key, the first answer again)",
      headers: {
        Location: { description: "The new reservation's URL.", required: true, schema: { type: "string" } },
        "Idempotent-Replayed": { description: "`true` on a replayed answer.", schema: { type: "string" } },
        ...etagHeader,
      },
      content: reservationJson,
    },
    ...problemResponses(403, 409, ...bodyProblems, ...commonProblems),
  },
});

export const listReservations = createRoute({
  operationId: "listReservations",
  method: "get",
  path: "/reservations",
  tags,
  security: apiSecurity,
  ...requires("reservations"),
  summary: "Find reservations",
  description: "Ordered by seating time. `state` filters by the status as it is now, moved on by the clock.",
  request: { query: ReservationListQuerySchema },
  responses: {
    200: { description: "A page of reservations", content: { "application/json": { schema: ReservationPageSchema } } },
    ...problemResponses(403, 422, ...commonProblems),
  },
});

export const getReservation = createRoute({
  operationId: "getReservation",
  method: "get",
  path: "/reservations/{reservationId}",
  tags,
  security: apiSecurity,
  ...requires("reservations"),
  summary: "Get a reservation",
  request: { params: ReservationIdParamSchema },
  responses: {
    200: { description: "The reservation, its status correct for now", headers: etagHeader, content: reservationJson },
    ...problemResponses(403, 404, ...commonProblems),
  },
});

export const updateReservation = createRoute({
  operationId: "updateReservation",
  method: "patch",
  path: "/reservations/{reservationId}",
  tags,
  security: apiSecurity,
  ...requires("reservations"),
  summary: "Change a reservation",
  description:
    "Changes guest fields, date or party size of an upcoming reservation, with the same rules as booking; its own seats do not count against it. Use the status endpoint to change the status.",
  request: { params: ReservationIdParamSchema, headers: ifMatchHeaders, body: jsonBody(ReservationPatchSchema, "The fields to change") },
  responses: {
    200: { description: "The changed reservation", headers: etagHeader, content: reservationJson },
    ...problemResponses(403, 404, 409, 412, ...bodyProblems, ...commonProblems),
  },
});
