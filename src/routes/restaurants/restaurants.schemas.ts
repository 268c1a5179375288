import { z } from "@hono/zod-openapi";
import { isPlainDate } from "../../domain/local-time";
import { pageOf, PageQuerySchema, rule } from "../../lib/openapi";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).openapi({ example: "17:30" });
const intervals = z.array(z.object({ open: hhmm, close: hhmm }).openapi("OpeningInterval"));

export const OpeningHoursSchema = z
  .object({
    monday: intervals,
    tuesday: intervals,
    wednesday: intervals,
    thursday: intervals,
    friday: intervals,
    saturday: intervals,
    sunday: intervals,
  })
  .openapi("OpeningHours", {
    description: "Local opening times per weekday. A `close` at or before `open` runs past midnight.",
  });

export const RestaurantSchema = z
  .object({
    id: z.string().openapi({ example: "0191d9c4-5a8e-7b1c-9d3f-2a4b6c8d0e1f" }),
    name: z.string().openapi({ example: "Ember & Oak" }),
    cuisine: z.string().openapi({ example: "american" }),
    address: z.string().openapi({ example: "1420 Valencia St, San Francisco, CA 94110" }),
    timeZone: z.string().openapi({ description: "IANA time zone", example: "America/Los_Angeles" }),
    openingHours: OpeningHoursSchema,
    slotMinutes: z.number().int().openapi({ description: "Seatings start this many minutes apart.", example: 15 }),
    diningMinutes: z.number().int().openapi({ description: "How long a party holds its seats.", example: 90 }),
    capacity: z.number().int().openapi({ description: "Covers (seats).", example: 60 }),
    maxPartySize: z.number().int().openapi({ example: 8 }),
    rating: z.number().min(0).max(5).openapi({ example: 4.6 }),
    reviewCount: z.number().int().openapi({ example: 1287 }),
    priceLevel: z.number().int().min(1).max(4).openapi({ example: 3 }),
    externalId: z.string().nullable().openapi({ description: "The id the restaurant-data source (ratings, reviews) knows it by.", example: "ember-and-oak-sf" }),
  })
  .openapi("Restaurant");

export const RestaurantPageSchema = pageOf(RestaurantSchema, "RestaurantPage");

export const RestaurantListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100, "must be at most 100 characters").optional().openapi({
    description: "Text to find in the name, cuisine or address.",
    example: "pasta",
  }),
  cuisine: z.string().trim().max(50).optional().openapi({ example: "italian" }),
});

export const RestaurantIdParamSchema = z.object({
  restaurantId: z.string().openapi({ param: { name: "restaurantId", in: "path" }, example: "0191d9c4-5a8e-7b1c-9d3f-2a4b6c8d0e1f" }),
});

export const AvailabilityQuerySchema = z.object({
  date: z
    .string({ error: "is required: a local date YYYY-MM-DD" })
    .refine(isPlainDate, rule("invalid_format", "must be a calendar date YYYY-MM-DD"))
    .openapi({ description: "The restaurant's local calendar day.", example: "2026-12-18" }),
  partySize: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .openapi({ example: 4 }),
});

export const AvailabilitySchema = z
  .object({
    date: z.string().openapi({ example: "2026-12-18" }),
    timeZone: z.string().openapi({ example: "America/Los_Angeles" }),
    slots: z.array(
      z
        .object({
          start: z.string().openapi({ description: "RFC 3339 with the local offset.", example: "2026-12-18T19:00:00-08:00" }),
          remainingCovers: z.number().int().openapi({ example: 12 }),
        })
        .openapi("AvailabilitySlot"),
    ),
  })
  .openapi("Availability");
