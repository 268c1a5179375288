import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { pageLimit } from "../../lib/paging";
import type { AppRouteHandler } from "../../lib/types";
import type { getAvailability, getRestaurant, listRestaurants } from "./restaurants.routes";

const listKey = z.object({ name: z.string(), id: z.string() });

export const list: AppRouteHandler<typeof listRestaurants> = async (c) => {
  const { cursor, ...query } = c.req.valid("query");
  const page = await c.var.services.restaurants.list({ ...query, limit: pageLimit(c, query.limit), after: decodeCursor(cursor, listKey) });
  return c.json({ data: page.items, nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
};

export const get: AppRouteHandler<typeof getRestaurant> = async (c) => {
  const restaurant = await c.var.services.restaurants.get(c.req.valid("param").restaurantId);
  return c.json(restaurant, 200);
};

export const availability: AppRouteHandler<typeof getAvailability> = async (c) => {
  const { restaurantId } = c.req.valid("param");
  const { date, partySize } = c.req.valid("query");
  return c.json(await c.var.services.restaurants.availability(restaurantId, Temporal.PlainDate.from(date), partySize), 200);
};
