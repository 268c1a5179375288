import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../lib/cursor";
import { pageLimit } from "../../lib/paging";
import type { AppRouteHandler } from "../../lib/types";
import type * as routes from "./restaurants.routes";
import { restaurantJson } from "./restaurants.serialize";

const listKey = z.object({ name: z.string(), id: z.string() });

export const list: AppRouteHandler<typeof routes.listRestaurants> = async (c) => {
  const { cursor, ...query } = c.req.valid("query");
  const page = await c.get("services").restaurants.list({
    ...query,
    restaurantIds: c.get("apiKey").restaurants ?? undefined,
    limit: pageLimit(c, query.limit),
    after: decodeCursor(cursor, listKey),
  });
  return c.json({ data: page.items.map(restaurantJson), nextCursor: page.next ? encodeCursor(page.next) : null }, 200);
};

export const get: AppRouteHandler<typeof routes.getRestaurant> = async (c) => {
  const restaurant = await c.get("services").restaurants.get(c.req.valid("param").restaurantId);
  return c.json(restaurantJson(restaurant), 200);
};

export const availability: AppRouteHandler<typeof routes.getAvailability> = async (c) => {
  const { restaurantId } = c.req.valid("param");
  const { date, partySize } = c.req.valid("query");
  return c.json(await c.get("services").restaurants.availability(restaurantId, Temporal.PlainDate.from(date), partySize), 200);
};

export const create: AppRouteHandler<typeof routes.createRestaurant> = async (c) => {
  const restaurant = await c.get("services").restaurantChanges.create(c.req.valid("json"));
  c.header("Location", `/api/v1/restaurants/${restaurant.id}`);
  return c.json(restaurantJson(restaurant), 201);
};

export const update: AppRouteHandler<typeof routes.updateRestaurant> = async (c) => {
  const restaurant = await c.get("services").restaurantChanges.update(c.req.valid("param").restaurantId, c.req.valid("json"));
  return c.json(restaurantJson(restaurant), 200);
};

export const archive: AppRouteHandler<typeof routes.archiveRestaurant> = async (c) => {
  return c.json(restaurantJson(await c.get("services").restaurantChanges.archive(c.req.valid("param").restaurantId)), 200);
};

export const listSpecialDays: AppRouteHandler<typeof routes.listSpecialDays> = async (c) => {
  return c.json({ data: await c.get("services").restaurantChanges.specialDays(c.req.valid("param").restaurantId) }, 200);
};

export const putSpecialDay: AppRouteHandler<typeof routes.putSpecialDay> = async (c) => {
  const { restaurantId, date } = c.req.valid("param");
  const body = c.req.valid("json");
  const hours = "hours" in body ? body.hours : [];
  return c.json(await c.get("services").restaurantChanges.putSpecialDay(restaurantId, Temporal.PlainDate.from(date), hours), 200);
};

export const deleteSpecialDay: AppRouteHandler<typeof routes.deleteSpecialDay> = async (c) => {
  const { restaurantId, date } = c.req.valid("param");
  await c.get("services").restaurantChanges.deleteSpecialDay(restaurantId, Temporal.PlainDate.from(date));
  return c.body(null, 204);
};
