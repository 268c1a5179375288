import { z } from "zod";
import { formatUtc } from "../../domain/local-time";
import { stateOf, statusOf } from "../../domain/reservation-status";
import { actorName } from "../../domain/actor";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { etagOf, expectedRevisions } from "../../lib/etag";
import { pageLimit } from "../../lib/paging";
import type { AppRouteHandler } from "../../lib/types";
import { reservationJson } from "../reservations/reservations.serialize";
import type { changeStatus, getHistory } from "./status.routes";

export const change: AppRouteHandler<typeof changeStatus> = async (c) => {
  const { reservationId } = c.req.valid("param");
  const body = c.req.valid("json");
  const requested = body.status ?? statusOf(body.state!);
  const view = await c.get("services").statusChanges.change(
    reservationId,
    requested as 0 | 1 | 2 | 3 | 4,
    { kind: "api_key", name: c.get("apiKeyName") },
    { reason: body.reason, expected: expectedRevisions(c.req.valid("header")["if-match"]) },
  );
  c.header("ETag", etagOf(view));
  return c.json(reservationJson(view), 200);
};

export const history: AppRouteHandler<typeof getHistory> = async (c) => {
  const { reservationId } = c.req.valid("param");
  const query = c.req.valid("query");
  const after = decodeCursor(query.cursor, z.number().int());
  const page = await c.get("services").statusChanges.history(reservationId, pageLimit(c, query.limit), after);
  return c.json(
    {
      data: page.items.map((entry) => ({
        from: entry.fromStatus === null ? null : stateOf(entry.fromStatus),
        to: stateOf(entry.toStatus),
        at: formatUtc(entry.at),
        actor: actorName(entry.actor),
        actorType: entry.actor.kind,
        reason: entry.reason,
      })),
      nextCursor: page.next === null ? null : encodeCursor(page.next),
    },
    200,
  );
};
