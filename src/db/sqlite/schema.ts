/**
 * The SQLite schema. Instants are integer epoch milliseconds; a PostgreSQL twin of this file
 * mirrors it table for table (Drizzle has no dialect-neutral schema: drizzle-orm#1196).
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { OpeningHours, OpeningInterval } from "../../domain/restaurant";

export const restaurants = sqliteTable(
  "restaurants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    cuisine: text("cuisine").notNull(),
    address: text("address").notNull(),
    timeZone: text("time_zone").notNull(),
    openingHours: text("opening_hours", { mode: "json" }).$type<OpeningHours>().notNull(),
    slotMinutes: integer("slot_minutes").notNull().default(15),
    diningMinutes: integer("dining_minutes").notNull().default(90),
    capacity: integer("capacity").notNull(),
    maxPartySize: integer("max_party_size").notNull(),
    rating: real("rating").notNull().default(0),
    reviewCount: integer("review_count").notNull().default(0),
    priceLevel: integer("price_level").notNull(),
    /** The id a restaurant-data source knows this restaurant by; null when it has none. */
    externalId: text("external_id"),
    /** When the restaurant-data source was last asked, and what went wrong if it failed then. */
    dataCheckedAt: integer("data_checked_at"),
    dataError: text("data_error"),
    /** Failures since the last success, and when to ask again after one (backoff, Retry-After). */
    dataFailures: integer("data_failures").notNull().default(0),
    dataRetryAt: integer("data_retry_at"),
    /** When the venue archived it: no bookings, in no search; its reservations stay readable. */
    archivedAt: integer("archived_at"),
    /**
     * Bumped in every transaction that changes the restaurant's seat holds, so that another
     * instance's cached occupancy knows it is stale. PostgreSQL's occupancy index reads it; on
     * SQLite, with one server to the file, PRAGMA data_version serves instead.
     */
    holdsVersion: integer("holds_version").notNull().default(0),
  },
  (table) => [uniqueIndex("restaurants_name_id").on(table.name, table.id), index("restaurants_cuisine").on(table.cuisine)],
);

/** A local date whose services replace the weekday's; no intervals closes the day. */
export const specialDays = sqliteTable(
  "special_days",
  {
    restaurantId: text("restaurant_id")
      .notNull()
      .references(() => restaurants.id),
    /** Local `YYYY-MM-DD` in the restaurant's zone. */
    date: text("date").notNull(),
    hours: text("hours", { mode: "json" }).$type<OpeningInterval[]>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.restaurantId, table.date] })],
);

/** Guest accounts. The email is kept lower-cased; the password only as its argon2id hash. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    phone: text("phone").notNull(),
    receiveEmailUpdates: integer("receive_email_updates", { mode: "boolean" }).notNull().default(true),
    receivePhoneCall: integer("receive_phone_call", { mode: "boolean" }).notNull().default(true),
    receiveTextNotification: integer("receive_text_notification", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Null until the first log-in, which is greeted once. */
    lastLoginAt: integer("last_login_at"),
  },
  (table) => [uniqueIndex("users_email").on(table.email)],
);

/** Signed-in sessions: only the SHA-256 of the cookie's random token is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (table) => [index("sessions_user").on(table.userId), index("sessions_expires").on(table.expiresAt)],
);

export const favourites = sqliteTable(
  "favourites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    restaurantId: text("restaurant_id")
      .notNull()
      .references(() => restaurants.id),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.restaurantId] })],
);

export const reservations = sqliteTable(
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
    receiveEmailUpdates: integer("receive_email_updates", { mode: "boolean" }).notNull(),
    receivePhoneCall: integer("receive_phone_call", { mode: "boolean" }).notNull(),
    receiveTextNotification: integer("receive_text_notification", { mode: "boolean" }).notNull(),
    occasion: text("occasion"),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    guestCount: integer("guest_count").notNull(),
    status: integer("status").notNull().default(0),
    statusChangedAt: integer("status_changed_at").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Bumped on every write; the ETag of the reservation. */
    version: integer("version").notNull().default(1),
    /** The guest account it belongs to, if it was booked signed in or claimed later. */
    ownerUserId: text("owner_user_id").references(() => users.id),
    /** SHA-256 of the token in the guest's private link; null for rows older than the links. */
    guestLinkHash: text("guest_link_hash"),
  },
  (table) => [
    index("reservations_restaurant_starts").on(table.restaurantId, table.startsAt),
    // The longest stay at a restaurant, read in one index step, bounds the seat-hold scan from below.
    index("reservations_restaurant_stay").on(table.restaurantId, sql`(ends_at - starts_at)`),
    index("reservations_starts_id").on(table.startsAt, table.id),
    index("reservations_phone").on(table.phone),
    index("reservations_status_starts").on(table.status, table.startsAt),
    index("reservations_owner_starts").on(table.ownerUserId, table.startsAt),
    uniqueIndex("reservations_guest_link").on(table.guestLinkHash),
    // "Booked N times today" counts a restaurant's bookings by when they were made.
    index("reservations_restaurant_created").on(table.restaurantId, table.createdAt),
  ],
);

export const statusLog = sqliteTable(
  "status_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reservationId: text("reservation_id")
      .notNull()
      .references(() => reservations.id),
    /** Null for the entry that records the creation. */
    fromStatus: integer("from_status"),
    toStatus: integer("to_status").notNull(),
    at: integer("at").notNull(),
    /** What kind of actor made the change (`domain/actor.ts`), and its name. */
    actorKind: text("actor_kind", { enum: ["api_key", "guest", "link_holder", "system"] }).notNull().default("api_key"),
    actor: text("actor").notNull(),
    reason: text("reason").notNull(),
  },
  (table) => [index("status_log_reservation").on(table.reservationId, table.id)],
);

/**
 * Notifications waiting to be sent, one row per message and channel (or webhook subscriber), each
 * with its own delivery state. Written in the same transaction as the change behind them, with
 * what the message says (`payload`) as it was then.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Unique per event, so that two sweeps can never queue the same message twice. */
    dedupeKey: text("dedupe_key").notNull(),
    reservationId: text("reservation_id")
      .notNull()
      .references(() => reservations.id),
    kind: text("kind").notNull(),
    /** email, sms, voice or webhook. */
    channel: text("channel").notNull(),
    /** The webhook subscriber (a provider in the settings file); null on the guest channels. */
    subscriber: text("subscriber"),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    state: text("state", { enum: ["pending", "sending", "sent", "skipped", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (table) => [
    uniqueIndex("outbox_dedupe_key").on(table.dedupeKey),
    index("outbox_due").on(table.state, table.nextAttemptAt),
    index("outbox_state_id").on(table.state, table.id),
  ],
);

/** Fixed-window hit counters behind hono-rate-limiter's store interface. */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetAt: integer("reset_at").notNull(),
});


/** Responses to POSTs made with an Idempotency-Key, replayed to retries of the same request. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    apiKeyName: text("api_key_name").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state", { enum: ["in_flight", "done"] }).notNull(),
    responseStatus: integer("response_status"),
    responseHeaders: text("response_headers", { mode: "json" }).$type<Record<string, string>>(),
    responseBody: text("response_body"),
    /** What the request created, written in the creating transaction: a crash before the answer is stored loses nothing. */
    resourceId: text("resource_id"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.apiKeyName, table.key] }), index("idempotency_keys_expires").on(table.expiresAt)],
);
