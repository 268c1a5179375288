import { z } from "zod";
import { parseDateTime } from "../../domain/local-time";
import { reaches } from "../../domain/scopes";
import { ApiError } from "../../lib/problem";
import { unknownRestaurant } from "../../services/reservations";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { etagOf, expectedRevisions } from "../../lib/etag";
import { pageLimit } from "../../lib/paging";
import type { AppRouteHandler } from "../../lib/types";
import type { createReservation, getReservation, listReservations, updateReservation } from "./reservations.routes";
import { reservationJson } from "./reservations.serialize";

const listKey = z.object({ startsAt: z.number(), id: z.string() });

const instant = (text: string | undefined) => {
  const parsed = text === undefined ? undefined : parseDateTime(text);
  return parsed?.kind === "instant" ? parsed.epochMs : undefined;
};

export const create: AppRouteHandler<typeof createReservation> = async (c) => {
  const { reservations } = c.get("services");
  const claim = c.get("idempotency");
  // Another venue's restaurant is, to this key, one that does not exist.
  if (!reaches(c.get("apiKey"), c.req.valid("json").restaurantId)) throw ApiError.validation([unknownRestaurant]);
  const view = claim?.committedId
    ? await reservations.get(claim.committedId)
    : await reservations.create(c.req.valid("json"), { kind: "api_key", name: c.get("apiKeyName") }, {
        idempotencyKey: claim && { scope: claim.scope, key: claim.key },
      });
  c.header("Location", `/api/v1/reservations/${view.row.id}`);
  c.header("ETag", etagOf(view));
  return c.json(reservationJson(view), 201);
};

export const list: AppRouteHandler<typeof listReservations> = async (c) => {
  const { cursor, ...query } = c.req.valid("query");
  const page = await c.get("services").reservations.list({
    ...query,
    restaurantIds: c.get("apiKey").restaurants ?? undefined,
    from: instant(query.from),
    to: instant(query.to),
    limit: pageLimit(c, query.limit),
    after: decodeCursor(cursor, listKey),
  });
  return c.json({ data: page.data.map(reservationJson), nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
};

export const get: AppRouteHandler<typeof getReservation> = async (c) => {
  const view = await c.get("services").reservations.get(c.req.valid("param").reservationId);
  c.header("ETag", etagOf(view));
  return c.json(reservationJson(view), 200);
};

export const update: AppRouteHandler<typeof updateReservation> = async (c) => {
  const { reservationId } = c.req.valid("param");
  const expected = expectedRevisions(c.req.valid("header")["if-match"]);
  const view = await c.get("services").reservations.update(reservationId, c.req.valid("json"), expected);
  c.header("ETag", etagOf(view));
  return c.json(reservationJson(view), 200);
};
