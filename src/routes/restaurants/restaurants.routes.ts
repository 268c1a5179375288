import { requires } from "../../middleware/scope";
import { createRoute } from "@hono/zod-openapi";
import { apiSecurity, bodyProblems, commonProblems, jsonBody, problemResponses } from "../../lib/openapi";
import {
  AvailabilityQuerySchema,
  AvailabilitySchema,
  RestaurantIdParamSchema,
  RestaurantListQuerySchema,
  RestaurantPageSchema,
  RestaurantCreateSchema,
  RestaurantPatchSchema,
  RestaurantSchema,
  SpecialDayInputSchema,
  SpecialDayListSchema,
  SpecialDayParamSchema,
  SpecialDaySchema,
} from "./restaurants.schemas";

const tags = ["Restaurants"];

export const listRestaurants = createRoute({
  operationId: "listRestaurants",
  method: "get",
  path: "/restaurants",
  tags,
  security: apiSecurity,
  ...requires(null),
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
  ...requires(null),
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
  ...requires(null),
  summary: "Open seatings on a local day",
  description:
    "Seatings of the services that open on the restaurant's local calendar day (a service that runs past midnight belongs to the day it opens) that can still take the party: future, within the booking horizon, finishing before closing, with enough covers free for the whole dining time.",
  request: { params: RestaurantIdParamSchema, query: AvailabilityQuerySchema },
  responses: {
    200: { description: "The open seatings", content: { "application/json": { schema: AvailabilitySchema } } },
    ...problemResponses(404, 422, ...commonProblems),
  },
});

const restaurantJson = { "application/json": { schema: RestaurantSchema } };
const orphanNote =
  " A change of hours, capacity or dining time that would leave an upcoming reservation outside the hours or over capacity is refused with 409, listing those reservations (`reservations`: id, start, guestCount) for the venue to move or cancel first.";

export const createRestaurant = createRoute({
  operationId: "createRestaurant",
  method: "post",
  path: "/restaurants",
  tags,
  security: apiSecurity,
  ...requires("restaurants", { everyVenue: true }),
  summary: "Add a restaurant",
  description: "Creates a restaurant with its opening hours. Its rating and review count start at 0 and are the restaurant-data source's to set.",
  request: { body: jsonBody(RestaurantCreateSchema, "The restaurant") },
  responses: {
    201: {
      description: "Created",
      headers: { Location: { description: "The new restaurant's URL.", required: true, schema: { type: "string" } } },
      content: restaurantJson,
    },
    ...problemResponses(403, ...bodyProblems, ...commonProblems),
  },
});

export const updateRestaurant = createRoute({
  operationId: "updateRestaurant",
  method: "patch",
  path: "/restaurants/{restaurantId}",
  tags,
  security: apiSecurity,
  ...requires("restaurants"),
  summary: "Change a restaurant",
  description: `Changes the fields given.${orphanNote}`,
  request: { params: RestaurantIdParamSchema, body: jsonBody(RestaurantPatchSchema, "The fields to change") },
  responses: {
    200: { description: "The restaurant as changed", content: restaurantJson },
    ...problemResponses(403, 404, 409, ...bodyProblems, ...commonProblems),
  },
});

export const archiveRestaurant = createRoute({
  operationId: "archiveRestaurant",
  method: "delete",
  path: "/restaurants/{restaurantId}",
  tags,
  security: apiSecurity,
  ...requires("restaurants"),
  summary: "Archive a restaurant",
  description:
    "Archives rather than deletes: the restaurant takes no more bookings (a booking for it is a 409), offers no seatings and leaves every search, while it and its reservations stay readable. Archiving twice is harmless.",
  request: { params: RestaurantIdParamSchema },
  responses: {
    200: { description: "The restaurant, archived", content: restaurantJson },
    ...problemResponses(403, 404, ...commonProblems),
  },
});

export const listSpecialDays = createRoute({
  operationId: "listSpecialDays",
  method: "get",
  path: "/restaurants/{restaurantId}/special-days",
  tags,
  security: apiSecurity,
  ...requires(null),
  summary: "List special days",
  description: "Dates whose hours replace the weekday's (or that are closed), in date order.",
  request: { params: RestaurantIdParamSchema },
  responses: {
    200: { description: "The special days", content: { "application/json": { schema: SpecialDayListSchema } } },
    ...problemResponses(404, ...commonProblems),
  },
});

export const putSpecialDay = createRoute({
  operationId: "putSpecialDay",
  method: "put",
  path: "/restaurants/{restaurantId}/special-days/{date}",
  tags,
  security: apiSecurity,
  ...requires("restaurants"),
  summary: "Close a day or give it its own hours",
  description: `Availability, booking, the guest pages and the reminders follow it. A service past midnight belongs to the day it opens.${orphanNote}`,
  request: { params: SpecialDayParamSchema, body: jsonBody(SpecialDayInputSchema, "Closed, or the day's services") },
  responses: {
    200: { description: "The special day as set", content: { "application/json": { schema: SpecialDaySchema } } },
    ...problemResponses(403, 404, 409, ...bodyProblems, ...commonProblems),
  },
});

export const deleteSpecialDay = createRoute({
  operationId: "deleteSpecialDay",
  method: "delete",
  path: "/restaurants/{restaurantId}/special-days/{date}",
  tags,
  security: apiSecurity,
  ...requires("restaurants"),
  summary: "Return a day to its weekday's hours",
  description: `Removes the special day.${orphanNote}`,
  request: { params: SpecialDayParamSchema },
  responses: {
    204: { description: "Removed" },
    ...problemResponses(403, 404, 409, 422, ...commonProblems),
  },
});
