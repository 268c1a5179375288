import { requires } from "../../middleware/scope";
import { createRoute, z } from "@hono/zod-openapi";
import { apiSecurity, bodyProblems, commonProblems, jsonBody, PageQuerySchema, problemResponses } from "../../lib/openapi";
import { ReservationIdParamSchema, ReservationSchema } from "../reservations/reservations.schemas";
import { StatusChangeSchema, StatusLogPageSchema } from "./status.schemas";

const tags = ["Reservation status"];

const rateLimitHeaders = {
  "RateLimit-Policy": { description: "The limit and its window, e.g. `1;w=60` (IETF draft-7).", schema: { type: "string" as const } },
  RateLimit: { description: "`limit=1, remaining=0, reset=60` (IETF draft-7).", schema: { type: "string" as const } },
};

export const changeStatus = createRoute({
  operationId: "changeReservationStatus",
  method: "put",
  path: "/reservations/{reservationId}/status",
  tags,
  security: apiSecurity,
  ...requires("status"),
  summary: "Move a guest through the visit",
  description: `Check in (upcoming → guest_here, from when check-in opens until the reservation is missed; missed → guest_here within the late-arrival window), check out (guest_here → guest_left), mark missed (from the reservation time) or cancel (before it). Asking for the current status is a 200 that changes nothing.

Rate limited per reservation: one accepted change a minute by default. A refused change (4xx) does not use up the limit. Over the limit the answer is 429 with Retry-After, whatever the request. While the limit's store is unavailable (Redis, when REDIS_URL is set) the answer is 503 with Retry-After and nothing changes: the limit fails closed.`,
  request: {
    params: ReservationIdParamSchema,
    headers: z.object({ "if-match": z.string().optional().openapi({ description: "Optional ETag from a GET." }) }),
    body: jsonBody(StatusChangeSchema, "The new status"),
  },
  responses: {
    200: {
      description: "The reservation with its new status",
      headers: { ETag: { required: true, schema: { type: "string" } }, ...rateLimitHeaders },
      content: { "application/json": { schema: ReservationSchema } },
    },
    ...problemResponses(403, 404, 409, 412, ...bodyProblems, ...commonProblems),
  },
});

export const getHistory = createRoute({
  operationId: "getReservationHistory",
  method: "get",
  path: "/reservations/{reservationId}/history",
  tags,
  security: apiSecurity,
  ...requires("reservations"),
  summary: "The status log",
  description: "Every status change, oldest first, including the ones the clock made.",
  request: { params: ReservationIdParamSchema, query: PageQuerySchema },
  responses: {
    200: { description: "A page of the log", content: { "application/json": { schema: StatusLogPageSchema } } },
    ...problemResponses(403, 404, 422, ...commonProblems),
  },
});
