import { z } from "zod";
import type { NotificationEntry } from "../../db/job-store";
import { formatUtc } from "../../domain/local-time";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { pageLimit } from "../../lib/paging";
import type { AppRouteHandler } from "../../lib/types";
import type { listNotifications, retryNotification } from "./notifications.routes";

const notificationJson = (entry: NotificationEntry) => ({
  ...entry,
  channel: entry.channel as "email" | "sms" | "voice" | "webhook",
  nextAttemptAt: formatUtc(entry.nextAttemptAt),
  createdAt: formatUtc(entry.createdAt),
  updatedAt: formatUtc(entry.updatedAt),
});

export const list: AppRouteHandler<typeof listNotifications> = async (c) => {
  const query = c.req.valid("query");
  const page = await c.get("services").notifications.list({
    state: query.state,
    limit: pageLimit(c, query.limit),
    afterId: decodeCursor(query.cursor, z.number().int()),
  });
  return c.json({ data: page.items.map(notificationJson), nextCursor: page.next === null ? null : encodeCursor(page.next) }, 200);
};

export const retry: AppRouteHandler<typeof retryNotification> = async (c) => {
  const entry = await c.get("services").notifications.retry(c.req.valid("param").notificationId);
  return c.json(notificationJson(entry), 200);
};
