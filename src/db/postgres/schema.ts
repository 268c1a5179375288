/**
 * The PostgreSQL twin of `../sqlite/schema.ts`, table for table and index for index (Drizzle has
 * no dialect-neutral schema: drizzle-orm#1196). Instants are bigint epoch milliseconds, read as
 * numbers; JSON is jsonb; flags are booleans. Migrations: `drizzle/postgres`, from
 * `drizzle.postgres.config.ts`.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { OpeningHours, OpeningInterval } from "../../domain/restaurant";

const instant = (name: string) => bigint(name, { mode: "number" });

export const restaurants = pgTable(
  "restaurants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    cuisine: text("cuisine").notNull(),
    address: text("address").notNull(),
    timeZone: text("time_zone").notNull(),
    openingHours: jsonb("opening_hours").$type<OpeningHours>().notNull(),
    slotMinutes: integer("slot_minutes").notNull().default(15),
    diningMinutes: integer("dining_minutes").notNull().default(90),
    capacity: integer("capacity").notNull(),
    maxPartySize: integer("max_party_size").notNull(),
    rating: doublePrecision("rating").notNull().default(0),
    reviewCount: integer("review_count").notNull().default(0),
    priceLevel: integer("price_level").notNull(),
    externalId: text("external_id"),
    dataCheckedAt: instant("data_checked_at"),
    dataError: text("data_error"),
    dataFailures: integer("data_failures").notNull().default(0),
    dataRetryAt: instant("data_retry_at"),
    archivedAt: instant("archived_at"),
    /** Bumped in every transaction that changes the restaurant's seat holds: the occupancy index's version. */
    holdsVersion: bigint("holds_version", { mode: "number" }).notNull().default(0),
  },
  (table) => [uniqueIndex("restaurants_name_id").on(table.name, table.id), index("restaurants_cuisine").on(table.cuisine)],
);

export const specialDays = pgTable(
  "special_days",
  {
    restaurantId: text("restaurant_id")
      .notNull()
      .references(() => restaurants.id),
    date: text("date").notNull(),
    hours: jsonb("hours").$type<OpeningInterval[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.restaurantId, table.date] })],
);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    phone: text("phone").notNull(),
    receiveEmailUpdates: boolean("receive_email_updates").notNull().default(true),
    receivePhoneCall: boolean("receive_phone_call").notNull().default(true),
    receiveTextNotification: boolean("receive_text_notification").notNull().default(false),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    lastLoginAt: instant("last_login_at"),
  },
  (table) => [uniqueIndex("users_email").on(table.email)],
);

export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [index("sessions_user").on(table.userId), index("sessions_expires").on(table.expiresAt)],
);

export const favourites = pgTable(
  "favourites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    restaurantId: text("restaurant_id")
      .notNull()
      .references(() => restaurants.id),
    createdAt: instant("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.restaurantId] })],
);

export const reservations = pgTable(
  "reservations",
  {
    id: text("id").primaryKey(),
    restaurantId: text("restaurant_id")
      .notNull()
      .references(() => restaurants.id),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    phone: text("phone").notNull(),
    email: text("email"),
    receiveEmailUpdates: boolean("receive_email_updates").notNull(),
    receivePhoneCall: boolean("receive_phone_call").notNull(),
    receiveTextNotification: boolean("receive_text_notification").notNull(),
    occasion: text("occasion"),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    guestCount: integer("guest_count").notNull(),
    status: integer("status").notNull().default(0),
    statusChangedAt: instant("status_changed_at").notNull(),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
    version: integer("version").notNull().default(1),
    ownerUserId: text("owner_user_id").references(() => users.id),
    guestLinkHash: text("guest_link_hash"),
  },
  (table) => [
    index("reservations_restaurant_starts").on(table.restaurantId, table.startsAt),
    index("reservations_restaurant_stay").on(table.restaurantId, sql`(ends_at - starts_at)`),
    index("reservations_starts_id").on(table.startsAt, table.id),
    index("reservations_phone").on(table.phone),
    index("reservations_status_starts").on(table.status, table.startsAt),
    index("reservations_owner_starts").on(table.ownerUserId, table.startsAt),
    uniqueIndex("reservations_guest_link").on(table.guestLinkHash),
    index("reservations_restaurant_created").on(table.restaurantId, table.createdAt),
  ],
);

export const statusLog = pgTable(
  "status_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    reservationId: text("reservation_id")
      .notNull()
      .references(() => reservations.id),
    fromStatus: integer("from_status"),
    toStatus: integer("to_status").notNull(),
    at: instant("at").notNull(),
    actorKind: text("actor_kind", { enum: ["api_key", "guest", "link_holder", "system"] }).notNull().default("api_key"),
    actor: text("actor").notNull(),
    reason: text("reason").notNull(),
  },
  (table) => [index("status_log_reservation").on(table.reservationId, table.id)],
);

export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text("dedupe_key").notNull(),
    reservationId: text("reservation_id")
      .notNull()
      .references(() => reservations.id),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    subscriber: text("subscriber"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "skipped", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: instant("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("outbox_dedupe_key").on(table.dedupeKey),
    index("outbox_due").on(table.state, table.nextAttemptAt),
    index("outbox_state_id").on(table.state, table.id),
  ],
);

export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetAt: instant("reset_at").notNull(),
});

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyName: text("api_key_name").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state", { enum: ["in_flight", "done"] }).notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    responseBody: text("response_body"),
    resourceId: text("resource_id"),
    createdAt: instant("created_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.apiKeyName, table.key] }), index("idempotency_keys_expires").on(table.expiresAt)],
);
