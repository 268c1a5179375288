import { z } from "@hono/zod-openapi";
import { isPlainDate } from "../../domain/local-time";
import { pageOf, PageQuerySchema, rule, trimmedLength } from "../../lib/openapi";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a local time HH:MM").openapi({ example: "17:30" });
export const OpeningIntervalSchema = z.object({ open: hhmm, close: hhmm }).openapi("OpeningInterval");
const runsPastMidnight = (interval: { open: string; close: string }) => interval.close <= interval.open;
const intervals = z
  .array(OpeningIntervalSchema)
  .max(6, "must have at most 6 services")
  .refine((day) => day.filter(runsPastMidnight).length <= 1, rule("past_midnight", "may have at most one service that runs past midnight"))
  .refine(
    (day) => [...day].sort((a, b) => a.open.localeCompare(b.open)).every((interval, index, sorted) => index === 0 || !runsPastMidnight(sorted[index - 1]!) && sorted[index - 1]!.close <= interval.open),
    rule("overlapping", "must list services that do not overlap, the one past midnight last"),
  );

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
    id: z.string().openapi({ example: "786fe295-d5a8-8d46-8c1c-c836a0166c37" }),
    name: z.string().openapi({ example: "Ferry Point Oyster Bar" }),
    cuisine: z.string().openapi({ example: "seafood" }),
    address: z.string().openapi({ example: "88 Beach St, San Francisco, CA 94133" }),
    timeZone: z.string().openapi({ description: "IANA time zone", example: "America/Los_Angeles" }),
    openingHours: OpeningHoursSchema,
    slotMinutes: z.number().int().openapi({ description: "Seatings start this many minutes apart.", example: 15 }),
    diningMinutes: z.number().int().openapi({ description: "How long a party holds its seats.", example: 90 }),
    capacity: z.number().int().openapi({ description: "Covers (seats).", example: 60 }),
    maxPartySize: z.number().int().openapi({ example: 8 }),
    rating: z.number().min(0).max(5).openapi({ example: 4.3 }),
    reviewCount: z.number().int().openapi({ example: 967 }),
    priceLevel: z.number().int().min(1).max(4).openapi({ example: 3 }),
    externalId: z.string().nullable().openapi({ description: "The id the restaurant-data source (ratings, reviews) knows it by.", example: "ferry-point-oyster-bar" }),
    archivedAt: z.string().nullable().openapi({ description: "When it was archived (it then takes no bookings and is in no search); null while active.", example: null }),
  })
  .openapi("Restaurant");

const isTimeZone = (zone: string) => {
  try {
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && Temporal.Now.zonedDateTimeISO(zone) !== undefined;
  } catch {
    return false;
  }
};

const trimmed = (max: number, example: string) =>
  z.string().trim().min(1, "must not be empty").max(max, `must be at most ${max} characters`).openapi({ example, description: `At most ${max} characters once trimmed.`, ...trimmedLength(1, max) });

/** What a venue writes: ratings and review counts are the restaurant-data source's, never written here. */
const restaurantFields = {
  name: trimmed(100, "Harbor Light"),
  cuisine: trimmed(50, "seafood"),
  address: trimmed(200, "12 Ferry Building, San Francisco, CA 94111"),
  timeZone: z.string().refine(isTimeZone, rule("invalid_time_zone", "must be an IANA time zone such as America/Los_Angeles")).openapi({ example: "America/Los_Angeles" }),
  openingHours: OpeningHoursSchema,
  slotMinutes: z.number().int("must be a whole number").min(5, "must be at least 5").max(240, "must be at most 240").openapi({ example: 15 }),
  diningMinutes: z.number().int("must be a whole number").min(15, "must be at least 15").max(720, "must be at most 720").openapi({ example: 90 }),
  capacity: z.number().int("must be a whole number").min(1, "must be at least 1").max(10_000, "must be at most 10000").openapi({ example: 40 }),
  maxPartySize: z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").openapi({ example: 8 }),
  priceLevel: z.number().int("must be a whole number").min(1, "must be at least 1").max(4, "must be at most 4").openapi({ example: 3 }),
  externalId: z.string().trim().min(1).max(200).nullable().optional().openapi({ example: "harbor-light-sf", ...trimmedLength(1, 200) }),
};

export const RestaurantCreateSchema = z.strictObject(restaurantFields).openapi("RestaurantCreate");
export const RestaurantPatchSchema = z
  .strictObject(restaurantFields)
  .partial()
  .openapi("RestaurantPatch", { description: "The fields to change. A change of hours, capacity or dining time that would orphan an upcoming reservation is refused with 409." });

export const SpecialDaySchema = z
  .object({
    date: z.string().openapi({ example: "2099-12-25" }),
    closed: z.boolean().openapi({ example: false }),
    hours: z.array(OpeningIntervalSchema).openapi({ description: "The day's services; empty when closed." }),
  })
  .openapi("SpecialDay");

export const SpecialDayListSchema = z.object({ data: z.array(SpecialDaySchema) }).openapi("SpecialDayList");

export const SpecialDayInputSchema = z
  .union([z.strictObject({ closed: z.literal(true) }), z.strictObject({ hours: intervals.min(1, "must list at least one service; send { \"closed\": true } to close") })])
  .openapi("SpecialDayInput", {
    description: "`{ \"closed\": true }` closes the day; `{ \"hours\": [...] }` replaces the weekday's services on that date.",
    example: { hours: [{ open: "17:00", close: "23:00" }] },
  });

export const RestaurantPageSchema = pageOf(RestaurantSchema, "RestaurantPage");

export const RestaurantListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(100, "must be at most 100 characters").optional().openapi({
    description: "Text to find in the name, cuisine or address; at most 100 characters once trimmed.",
    ...trimmedLength(0, 100),
    example: "pasta",
  }),
  cuisine: z.string().trim().max(50).optional().openapi({ example: "italian", ...trimmedLength(0, 50) }),
});

export const RestaurantIdParamSchema = z.object({
  restaurantId: z.string().openapi({ param: { name: "restaurantId", in: "path" }, example: "786fe295-d5a8-8d46-8c1c-c836a0166c37" }),
});

export const SpecialDayParamSchema = RestaurantIdParamSchema.extend({
  date: z
    .string()
    .refine(isPlainDate, rule("invalid_format", "must be a calendar date YYYY-MM-DD"))
    .openapi({ param: { name: "date", in: "path" }, description: "The restaurant's local calendar day.", example: "2099-12-25" }),
});

export const AvailabilityQuerySchema = z.object({
  date: z
    .string({ error: "is required: a local date YYYY-MM-DD" })
    .refine(isPlainDate, rule("invalid_format", "must be a calendar date YYYY-MM-DD"))
    .openapi({ description: "The restaurant's local calendar day. (Examples use far-off dates so that they never go stale; a date past the booking horizon has no seatings.)", example: "2099-12-18" }),
  partySize: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .openapi({ example: 4 }),
});

export const AvailabilitySchema = z
  .object({
    date: z.string().openapi({ example: "2099-12-18" }),
    timeZone: z.string().openapi({ example: "America/Los_Angeles" }),
    slots: z.array(
      z
        .object({
          start: z.string().openapi({ description: "RFC 3339 with the local offset.", example: "2099-12-18T19:00:00-08:00" }),
          remainingCovers: z.number().int().openapi({ example: 12 }),
        })
        .openapi("AvailabilitySlot"),
    ),
  })
  .openapi("Availability");
