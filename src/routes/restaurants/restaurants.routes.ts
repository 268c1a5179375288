import { createRoute } from "@hono/zod-openapi";
import { apiSecurity, commonProblems, problemResponses } from "../../lib/openapi";
import {
  AvailabilityQuerySchema,
  AvailabilitySchema,
  RestaurantIdParamSchema,
  RestaurantListQuerySchema,
  RestaurantPageSchema,
  RestaurantSchema,
} from "./restaurants.schemas";

const tags = ["Restaurants"];

export const listRestaurants = createRoute({
  operationId: "listRestaurants",
  method: "get",
  path: "/restaurants",
  tags,
  security: apiSecurity,
  summary: "List restaurants",
  description: "Restaurants ordered by name, optionally filtered by text and cuisine.",
  request: { query: RestaurantListQuerySchema },
  responses: {
    200: { description: "A page of restaurants", content: { "application/json": { schema: RestaurantPageSchema } } },
    ...problemResponses(422, ...commonProblems),
  },
});

export const getRestaurant = createRoute({
  operationId: "getRestaurant",
  method: "get",
  path: "/restaurants/{restaurantId}",
  tags,
  security: apiSecurity,
  summary: "Get a restaurant",
  request: { params: RestaurantIdParamSchema },
  responses: {
    200: { description: "The restaurant", content: { "application/json": { schema: RestaurantSchema } } },
    ...problemResponses(404, ...commonProblems),
  },
});

export const getAvailability = createRoute({
  operationId: "getAvailability",
  method: "get",
  path: "/restaurants/{restaurantId}/availability",
  tags,
  security: apiSecurity,
  summary: "Open seatings on a local day",
  description:
    "Seatings of the services that open on the restaurant's local calendar day (a service that runs past midnight belongs to the day it opens) that can still take the party: future, within the booking horizon, finishing before closing, with enough covers free for the whole dining time.",
  request: { params: RestaurantIdParamSchema, query: AvailabilityQuerySchema },
  responses: {
    200: { description: "The open seatings", content: { "application/json": { schema: AvailabilitySchema } } },
    ...problemResponses(404, 422, ...commonProblems),
  },
});
